using System.Collections.Immutable;

namespace Dossier.Screening;

/// <summary>What a list entry is; screening an organisation against a person is discounted, never compared as equals.</summary>
public enum EntryKind
{
    Unknown,
    Person,
    Organization,
    Vessel,
}

/// <summary>
/// One entry of a sanctions or export-control list, as published. <see cref="Id"/> is stable across re-imports of the
/// same list (the publisher's number where there is one), so that a re-import updates the entry and analysts' decisions
/// about it stay attached.
/// </summary>
public sealed record WatchlistEntry(
    string Id,
    string List,
    string Name,
    ImmutableArray<string> Aliases,
    EntryKind Kind,
    ImmutableArray<string> Countries,
    ImmutableArray<string> BirthDates,
    string? Program,
    string? ListedOn,
    string? EndDate = null,
    string? Source = null)
{
    public IEnumerable<string> Names => Aliases.IsDefaultOrEmpty ? [Name] : [Name, .. Aliases];

    /// <summary>False for entries that a later edition removed (they are kept for history, not screened by default).</summary>
    public bool IsActive => string.IsNullOrEmpty(EndDate);
}

/// <summary>The entries of one list as read from one publication, with the date that publication carries.</summary>
public sealed record WatchlistVersion(string List, string Format, string VersionDate, IReadOnlyList<WatchlistEntry> Entries);
