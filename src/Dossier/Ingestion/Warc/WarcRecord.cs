namespace Dossier.Ingestion.Warc;

/// <summary>One WARC record's named fields and its content block, or why the block was not kept.</summary>
public sealed record WarcRecord(IReadOnlyDictionary<string, string> Fields, ReadOnlyMemory<byte> Block, string? SkipReason, long Offset)
{
    public string? Type => Fields.GetValueOrDefault("WARC-Type");
    public string? TargetUri => Fields.GetValueOrDefault("WARC-Target-URI");
    public string? RecordId => Fields.GetValueOrDefault("WARC-Record-ID");
}
