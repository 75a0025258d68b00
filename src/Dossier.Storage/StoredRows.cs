using System.Data.Common;
using Dossier.Analysis;
using Dossier.Claims;
using Dossier.Documents;
using System.Text;
using System.Text.Json;
using Dossier.Entities;
using Dossier.Linking;
using Dossier.Screening;
using Dossier.Serialization;

namespace Dossier.Storage;

/// <summary>What the SQLite and PostgreSQL stores do alike with the rows they read: parse them, explain them, mark matches.</summary>
internal static class StoredRows
{
    /// <summary>How many entities a paged read loads at once: each carries the ids of every document naming it.</summary>
    public const int EntityPage = 256;

    /// <summary>How many document ids one statement looks up, so that no statement carries every id of a large run.</summary>
    public const int DocumentChunk = 1000;

    /// <summary>The list-hit query both stores run, in the column order <see cref="ReadHitsAsync"/> reads.</summary>
    public static string HitQuery(string where) =>
        "SELECT h.id, e.id, h.entity_name, h.entry_id, h.list, h.entry_name, h.score, h.program, h.listed_on, h.explanation, h.decision, h.note, h.decided_at " +
        $"FROM watchlist_hits h JOIN entities e ON e.key = h.entity_key WHERE {where} ORDER BY h.entity_name, h.score DESC, h.id";

    /// <summary>
    /// Records a list hit, keyed by the entity's key rather than its id (the key is what stays the same when the entity is
    /// seen again); a hit already recorded is updated but keeps its decision. Returns the hit's id, or nothing when there
    /// is no such entity. Its parameters are <see cref="HitParameters"/>.
    /// </summary>
    public const string HitUpsert =
        """
        INSERT INTO watchlist_hits (entity_key, entity_name, list, entry_id, entry_name, score, program, listed_on, explanation, screened_at)
        SELECT key, name, @list, @entry, @entryName, @score, @program, @listed, @explanation, @at FROM entities WHERE id = @entity
        ON CONFLICT (entity_key, list, entry_id) DO UPDATE SET
            entity_name = excluded.entity_name, entry_name = excluded.entry_name, score = excluded.score, program = excluded.program,
            listed_on = excluded.listed_on, explanation = excluded.explanation, screened_at = excluded.screened_at
        RETURNING id
        """;

    /// <param name="namePrefix">What the backend's driver wants before a parameter's name ("@" or nothing).</param>
    public static (string Name, object? Value)[] HitParameters(long entityId, WatchlistHitJson hit, string namePrefix) =>
    [
        (namePrefix + "entity", entityId), (namePrefix + "entry", hit.ListEntryId), (namePrefix + "list", hit.List), (namePrefix + "entryName", hit.Name),
        (namePrefix + "score", hit.Score), (namePrefix + "program", hit.Program), (namePrefix + "listed", hit.ListedOn),
        (namePrefix + "explanation", hit.Explanation), (namePrefix + "at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>The id <see cref="HitUpsert"/> returned, or why there is none.</summary>
    public static long HitId(object? returned, long entityId) =>
        returned is long id ? id : throw new ArgumentException($"No canonical entity {entityId}.", nameof(entityId));

    /// <summary>The claim-link query both stores run, in the column order <see cref="ReadClaimLinksAsync"/> reads.</summary>
    public const string ClaimLinksQuery =
        "SELECT from_document, from_claim, to_document, to_claim, relation, confidence FROM claim_links ORDER BY from_document, from_claim, to_document, to_claim";

    public static Task<List<ClaimLinkJson>> ReadClaimLinksAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        ReadAllAsync(reader, ReadClaimLink, cancellationToken);

    public static ClaimLinkJson ReadClaimLink(DbDataReader row) => new(
        new ClaimRefJson(row.GetString(0), row.GetInt32(1)),
        new ClaimRefJson(row.GetString(2), row.GetInt32(3)),
        row.GetString(4),
        row.GetDouble(5));

    /// <summary>The claim links touching some documents, in stored order of their claims; both stores add how they match the ids.</summary>
    public static string ClaimLinksTouchingQuery(string fromMatches, string toMatches) =>
        "SELECT l.from_document, l.from_claim, l.to_document, l.to_claim, l.relation, l.confidence FROM claim_links l " +
        "JOIN story_index f ON f.document_id = l.from_document JOIN story_index t ON t.document_id = l.to_document " +
        $"WHERE l.from_document {fromMatches} OR l.to_document {toMatches} ORDER BY f.sequence, l.from_claim, t.sequence, l.to_claim";

    /// <summary>A linked claim's columns (table alias c), in the order <see cref="ReadLinkedClaim"/> reads them.</summary>
    public const string LinkedClaimColumns = "c.sequence, c.claim, c.document_id, c.start, c.\"end\", c.words, c.keys, c.status, c.source, c.source_key, c.responds_to";

    /// <summary>The latest claims holding the key @key, at most @latest of them, oldest first.</summary>
    public const string LatestClaimsOfKeyQuery =
        "SELECT " + LinkedClaimColumns + " FROM (SELECT sequence, claim FROM claim_keys WHERE key = @key ORDER BY sequence DESC, claim DESC LIMIT @latest) k " +
        "JOIN linked_claims c ON c.sequence = k.sequence AND c.claim = k.claim ORDER BY c.sequence, c.claim";

    public const string ClaimsOfKeyCountQuery = "SELECT COUNT(*) FROM claim_keys WHERE key = @key";

    public const string LinkedClaimInsert =
        "INSERT INTO linked_claims (sequence, claim, document_id, start, \"end\", words, keys, status, source, source_key, responds_to) " +
        "VALUES (@sequence, @claim, @document, @start, @end, @words, @keys, @status, @source, @sourceKey, @respondsTo)";

    public const string ClaimKeyInsert = "INSERT INTO claim_keys (key, sequence, claim) VALUES (@key, @sequence, @claim)";

    public const string ClaimLinkInsert =
        "INSERT INTO claim_links (from_document, from_claim, to_document, to_claim, relation, confidence) VALUES (@fd, @fc, @td, @tc, @r, @c)";

    /// <summary>
    /// A link is a repeat when its two articles are one story (see <see cref="ClaimLinker"/>); a document placed in a story can
    /// join earlier stories into one (<see cref="StoryJoinInsert"/>), so the links within the stories that the documents of
    /// sequence (@from, @through] joined are read again; a story no document joined keeps its links as they are.
    /// </summary>
    public const string RepeatsWithinJoinedStories =
        """
        UPDATE claim_links SET relation = 'repeats'
        WHERE relation = 'supports'
          AND from_document IN (
              SELECT m.document_id FROM story_index m
              WHERE m.story IN (SELECT s.story FROM story_joins j JOIN story_index s ON s.sequence = j.sequence WHERE j.sequence > @from AND j.sequence <= @through))
          AND (SELECT story FROM story_index WHERE document_id = claim_links.from_document) = (SELECT story FROM story_index WHERE document_id = claim_links.to_document)
        """;

    /// <summary>Records that the document placed at @sequence joined earlier stories into one.</summary>
    public const string StoryJoinInsert = "INSERT INTO story_joins (sequence) VALUES (@sequence)";

    public const string LinkedThroughQuery = "SELECT linked_through FROM claim_linking";

    public const string LinkedThroughUpdate = "UPDATE claim_linking SET linked_through = @through";

    /// <param name="namePrefix">What the backend's driver wants before a parameter's name ("@" or nothing).</param>
    public static (string Name, object? Value)[] LinkedClaimParameters(IndexedClaim claim, string namePrefix) =>
    [
        (namePrefix + "sequence", claim.Sequence), (namePrefix + "claim", claim.Index), (namePrefix + "document", claim.DocumentId),
        (namePrefix + "start", claim.Span.Start), (namePrefix + "end", claim.Span.End), (namePrefix + "words", string.Join(' ', claim.Words)),
        (namePrefix + "keys", string.Join('\n', claim.Keys)), (namePrefix + "status", claim.Status.ToString()), (namePrefix + "source", claim.Source),
        (namePrefix + "sourceKey", claim.SourceKey), (namePrefix + "respondsTo", claim.RespondsTo),
    ];

    public static (string Name, object? Value)[] ClaimKeyParameters(string key, IndexedClaim claim, string namePrefix) =>
        [(namePrefix + "key", key), (namePrefix + "sequence", claim.Sequence), (namePrefix + "claim", claim.Index)];

    public static (string Name, object? Value)[] ClaimLinkParameters(ClaimLink link, string namePrefix) =>
    [
        (namePrefix + "fd", link.From.DocumentId), (namePrefix + "fc", link.From.ClaimIndex), (namePrefix + "td", link.To.DocumentId),
        (namePrefix + "tc", link.To.ClaimIndex), (namePrefix + "r", link.Relation.ToString().ToLowerInvariant()), (namePrefix + "c", link.Confidence),
    ];

    public static IndexedClaim ReadLinkedClaim(DbDataReader row) => new(
        row.GetInt64(0),
        row.GetString(2),
        row.GetInt32(1),
        new TextSpan(row.GetInt32(3), row.GetInt32(4)),
        row.GetString(5).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        row.GetString(6).Split('\n', StringSplitOptions.RemoveEmptyEntries),
        Enum.Parse<ClaimStatus>(row.GetString(7)),
        row.IsDBNull(8) ? null : row.GetString(8),
        row.IsDBNull(9) ? null : row.GetString(9),
        row.IsDBNull(10) ? null : row.GetInt32(10));

    /// <summary>
    /// A stored document for linking; a stored JSON that holds no document still takes its place in stored order, with no
    /// claims, so that linking moves past it.
    /// </summary>
    public static UnlinkedDocument Unlinked(long sequence, string id, string annotations, IReadOnlyDictionary<int, long> canonicalIds) =>
        new(sequence, LinkableDocuments.FromStoredJson(annotations, canonicalIds) ?? new LinkableDocument(id, "", null, null, null, []));

    /// <summary>The analysts' decisions both stores read (all when @all, else those naming entity @e), in the column order <see cref="ReadDecisionsAsync"/> reads.</summary>
    public const string DecisionsQuery =
        "SELECT id, kind, entity_id, other_id, alias, reason, at FROM entity_decisions WHERE @all OR entity_id = @e OR other_id = @e ORDER BY id";

    public static Task<List<EntityDecision>> ReadDecisionsAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        ReadAllAsync(reader, row => new EntityDecision(
            row.GetInt64(0),
            row.GetString(1) == "merge" ? EntityDecisionKind.Merge : EntityDecisionKind.Split,
            row.GetInt64(2),
            row.GetInt64(3),
            TextOrNull(row, 4),
            row.GetString(5),
            // SQLite keeps the time as ISO 8601 text, PostgreSQL as a timestamptz.
            row.GetFieldType(6) == typeof(string)
                ? DateTimeOffset.Parse(row.GetString(6), System.Globalization.CultureInfo.InvariantCulture)
                : row.GetFieldValue<DateTimeOffset>(6)), cancellationToken);

    public static Task<List<HitReview>> ReadHitsAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        ReadAllAsync(reader, row => new HitReview(row.GetInt64(0), row.GetInt64(1), row.GetString(2),
            new WatchlistHitJson(row.GetString(3), row.GetString(4), row.GetString(5), row.GetDouble(6), TextOrNull(row, 7), TextOrNull(row, 8), row.GetString(9), row.GetString(10)),
            TextOrNull(row, 11), TextOrNull(row, 12)), cancellationToken);

    public static string? TextOrNull(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    /// <summary>Every remaining row of <paramref name="reader"/>, each mapped by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    /// <summary>Marks the start and end of a matched word in a snippet; removed from indexed text so content cannot fake a match.</summary>
    public const char MatchStart = '\u0002';

    public const char MatchEnd = '\u0003';

    private const int MaxQueryTerms = 16;

    /// <summary>
    /// The shortest prefix searched as a prefix: the SQLite index keeps prefixes of 2 and 3 letters (migration 0008), and
    /// a one-letter prefix would read a twentieth of all indexed words; 'w*' is searched as the word 'w'.
    /// </summary>
    public const int MinPrefixLength = 2;

    private static readonly JsonSerializerOptions EntryOptions = new() { WriteIndented = false };

    public static DocumentJson Document(string documentId, string annotations) =>
        JsonSerializer.Deserialize<DocumentJson>(annotations, DossierJsonMapper.Options)
        ?? throw new InvalidDataException($"Stored document {documentId} has no annotations.");

    public static string Searchable(string text) => text.Replace(MatchStart, ' ').Replace(MatchEnd, ' ');

    /// <summary>
    /// The words of a user's query: each run of letters or digits is a term, a trailing '*' makes it a prefix when the
    /// term has at least <see cref="MinPrefixLength"/> letters; at most 16 terms, from the first 1,000 characters.
    /// </summary>
    public static IReadOnlyList<(string Term, bool Prefix)> QueryTerms(string text)
    {
        var terms = new List<(string, bool)>();
        var term = new StringBuilder();
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 1000)))
        {
            if (char.IsLetterOrDigit(c))
            {
                term.Append(c);
                continue;
            }

            Flush(c == '*');
        }

        Flush(false);
        return terms.Take(MaxQueryTerms).ToList();

        void Flush(bool prefix)
        {
            if (term.Length == 0) return;
            terms.Add((term.ToString(), prefix && term.Length >= MinPrefixLength));
            term.Clear();
        }
    }

    /// <summary>A snippet with match markers as plain text and the spans of the matches in it.</summary>
    public static (string Text, List<SpanJson> Highlights) ParseSnippet(string marked)
    {
        var text = new StringBuilder(marked.Length);
        var highlights = new List<SpanJson>();
        var start = -1;
        foreach (var c in marked)
        {
            if (c == MatchStart) start = text.Length;
            else if (c == MatchEnd && start >= 0)
            {
                highlights.Add(new SpanJson(start, text.Length, text.ToString(start, text.Length - start)));
                start = -1;
            }
            else text.Append(c);
        }

        return (text.ToString(), highlights);
    }

    /// <summary>
    /// The distinct entity ids of these documents, ascending: <paramref name="idsOf"/> reads those of one chunk of at most
    /// <see cref="DocumentChunk"/> documents.
    /// </summary>
    public static async Task<long[]> EntityIdsAsync(IReadOnlyCollection<string> documentIds, Func<string[], Task<List<long>>> idsOf)
    {
        var ids = new HashSet<long>();
        foreach (var chunk in documentIds.Distinct().Chunk(DocumentChunk)) ids.UnionWith(await idsOf(chunk));
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>Whether the local entity of stored annotations has a name with this key (the mentions a split moves).</summary>
    public static bool LocalEntityIsNamed(string documentId, string annotations, int localId, string nameKey, EntityLabel label)
    {
        var local = Document(documentId, annotations).DocumentEntities.FirstOrDefault(e => e.Id == localId);
        return local is not null && EntityKey.ForName(local.Name, label) == nameKey;
    }

    /// <summary>The statements <see cref="LinkPersonNamesAsync"/> runs, inside the transaction that created the entity.</summary>
    /// <param name="PeopleNamed">The people filed under a word key, other than the entity given (<see cref="PersonNameWords.PeopleQuery"/>).</param>
    /// <param name="FileNameWord">Files an entity under a word key (<see cref="PersonNameWords.Insert"/>).</param>
    /// <param name="Redirect">Sends the mentions of an entity, stored from now on, to another.</param>
    /// <param name="UnmergedEntity">The entity with a key, unless it is sent to another.</param>
    /// <param name="Rename">Gives an entity another name (its key, and so what joins it, stays).</param>
    public sealed record PersonNameRows(
        Func<string, long, Task<List<(long Id, string Name)>>> PeopleNamed,
        Func<string, long, Task> FileNameWord,
        Func<long, long, Task> Redirect,
        Func<string, Task<(long Id, string Name)?>> UnmergedEntity,
        Func<long, string, Task> Rename);

    /// <summary>
    /// Applies <see cref="PersonShortNames"/> to a person's entity just created: a short name follows the one full name it
    /// stands for, and a full name is filed under its words for the short names stored after it. A full name that a short
    /// name stored before it stands for alone goes the other way: the short name's entity stays the canonical one and takes
    /// the full name, so that documents already stored (and the JSON `analyze` has already written for them) keep their
    /// canonical entity whatever order the two arrive in and whenever their batches commit.
    /// </summary>
    public static async Task LinkPersonNamesAsync(long id, DocumentEntity entity, PersonNameRows rows)
    {
        if (PersonShortNames.IsShortName(entity.Name, entity.Label))
        {
            var people = await rows.PeopleNamed(PersonShortNames.ShortNameKey(entity.Name), id);
            if (PersonShortNames.FullNameFor(entity.Name, people) is long person) await rows.Redirect(id, person);
            return;
        }

        foreach (var shortKey in await PersonNameWords.AddAsync(id, entity.Name, entity.Label, rows.FileNameWord))
        {
            if (await rows.UnmergedEntity(shortKey) is { } shortName
                && PersonShortNames.IsShortName(shortName.Name, entity.Label)
                && PersonShortNames.FullNameFor(shortName.Name, await rows.PeopleNamed(shortKey, shortName.Id)) == id)
            {
                await rows.Redirect(id, shortName.Id);
                await rows.Rename(shortName.Id, entity.Name);
                await PersonNameWords.AddAsync(shortName.Id, entity.Name, entity.Label, rows.FileNameWord);
                return;
            }
        }
    }

    /// <summary>Why each alias of an entity belongs to it: the shared key's normalisation steps and analysts' decisions.</summary>
    public static List<string> Explain(string name, EntityLabel label, IEnumerable<string> aliases, IEnumerable<EntityDecision> decisions)
    {
        var reasons = new List<string>();
        var nameKey = EntityKey.Explain(name, label);
        foreach (var alias in aliases)
        {
            if (string.Equals(alias, name, StringComparison.Ordinal)) continue;
            var aliasKey = EntityKey.Explain(alias, label);
            reasons.Add(aliasKey.Key == nameKey.Key
                ? EntityKeyExplanation.WhyMerged(name, nameKey, alias, aliasKey)
                : (label == EntityLabel.PER ? PersonShortNames.Explain(name, alias) : null)
                  ?? $"\"{alias}\" came in by an analyst's merge or as an alias the document itself gave");
        }

        foreach (var decision in decisions)
        {
            reasons.Add(decision.Kind == EntityDecisionKind.Merge
                ? $"analyst merged entity {decision.EntityId} into {decision.OtherId} on {decision.At:yyyy-MM-dd}: {decision.Reason}"
                : $"analyst split \"{decision.Alias}\" off entity {decision.EntityId} into {decision.OtherId} on {decision.At:yyyy-MM-dd}: {decision.Reason}");
        }

        return reasons;
    }

    public static string EntryJson(WatchlistEntry entry) => JsonSerializer.Serialize(entry, EntryOptions);

    public static WatchlistEntry? Entry(string json) => JsonSerializer.Deserialize<WatchlistEntry>(json, EntryOptions);

    /// <summary>A delta publication lists changes only: it removes nothing it does not name, and may be older than the stored version.</summary>
    public static bool IsDelta(WatchlistVersion version) => version.Format.EndsWith("delta", StringComparison.Ordinal);

    /// <summary>Why a publication is not imported (older than the stored version), or null.</summary>
    public static string? SkipReason(WatchlistVersion version, string? latest) =>
        latest is not null && string.CompareOrdinal(version.VersionDate, latest) < 0 && !IsDelta(version)
            ? $"older than the stored version of {latest}"
            : null;
}
