using System.IO.Compression;
using System.Text;

namespace Dossier.Text.Sequence;

/// <summary>The gzip-compressed binary files that the sequence models ship in: a magic string, then the model's own fields.</summary>
internal static class ModelFile
{
    /// <summary>A reader over the whole decompressed file, past its magic string; the file is refused when the string differs.</summary>
    public static BinaryReader OpenReader(Stream stream, string magic, string notThisKind)
    {
        // Decompress in one go: reading millions of small values straight from the gzip stream is several times slower.
        var bytes = new MemoryStream();
        using (var zip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true)) zip.CopyTo(bytes);
        bytes.Position = 0;
        var reader = new BinaryReader(bytes, Encoding.UTF8, leaveOpen: false);
        if (reader.ReadString() != magic)
        {
            reader.Dispose();
            throw new InvalidDataException(notThisKind);
        }

        return reader;
    }

    /// <summary>Writes a model file: its magic string, then what <paramref name="writeBody"/> writes, compressed.</summary>
    public static void Write(Stream stream, string magic, Action<BinaryWriter> writeBody)
    {
        using var zip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(zip, Encoding.UTF8, leaveOpen: true);
        writer.Write(magic);
        writeBody(writer);
    }
}
