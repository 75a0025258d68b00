using Dossier.Screening;

namespace Dossier.Storage;

/// <summary>
/// Sanctions and export-control lists imported into the store, beside the documents. The hits found for canonical
/// entities belong to the dossier store, beside the entities they are about.
/// </summary>
public interface IWatchlistStore : IAsyncDisposable
{
    /// <summary>
    /// Stores one publication of a list: entries are inserted or updated by id, never duplicated. A full publication
    /// at least as new as the stored one marks the entries it no longer has as removed; an older one is skipped.
    /// </summary>
    Task<ListImportOutcome> ImportAsync(WatchlistVersion version, string source, CancellationToken cancellationToken);

    /// <summary>Every entry still listed (not removed by a later publication, not ended).</summary>
    Task<IReadOnlyList<WatchlistEntry>> ActiveEntriesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredList>> ListsAsync(CancellationToken cancellationToken);
}

/// <summary>What importing one list version did.</summary>
public sealed record ListImportOutcome(string List, string VersionDate, int Added, int Updated, int Removed, string? Skipped = null);

/// <summary>One list as stored: its newest version and how many entries are active.</summary>
public sealed record StoredList(string List, string VersionDate, string Format, int ActiveEntries, int Versions);
