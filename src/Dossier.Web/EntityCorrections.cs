using Dossier.Analysis;
using Dossier.Linking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dossier.Web;

public sealed record EntityMergeRequest(long? Into, string? Reason);

public sealed record EntitySplitRequest(string? Alias, string? Reason);

/// <param name="Kind">merge or split.</param>
/// <param name="OtherId">For a merge, the entity merged into; for a split, the new entity.</param>
public sealed record EntityDecisionJson(long Id, string Kind, long EntityId, long OtherId, string? Alias, string Reason, DateTimeOffset At)
{
    public static EntityDecisionJson From(EntityDecision decision) => new(
        decision.Id, decision.Kind.ToString().ToLowerInvariant(), decision.EntityId, decision.OtherId, decision.Alias, decision.Reason, decision.At);
}

/// <summary>An analyst's merge and split of canonical entities, checked the same way for the API and the dossier page's forms.</summary>
internal static class EntityCorrections
{
    public const int MaxReasonLength = 2000;

    public static async Task<(EntityDecision? Decision, ProblemHttpResult? Problem)> MergeAsync(
        IDossierStore store, ILinkStore links, long entityId, long? into, string? reason, CancellationToken cancellationToken)
    {
        if (into is not { } target) return (null, Problems.BadRequest("into is required: the id of the entity to merge into."));
        if (CheckReason(reason) is { } problem) return (null, problem);
        if (target == entityId) return (null, Problems.BadRequest("An entity cannot be merged into itself."));
        if (await MissingAsync(store, entityId, cancellationToken) is { } missing) return (null, missing);
        if (await MissingAsync(store, target, cancellationToken) is { } missingTarget) return (null, missingTarget);
        return await DecideAsync(() => links.MergeAsync(entityId, target, reason!.Trim(), cancellationToken));
    }

    public static async Task<(EntityDecision? Decision, ProblemHttpResult? Problem)> SplitAsync(
        IDossierStore store, ILinkStore links, long entityId, string? alias, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(alias)) return (null, Problems.BadRequest("alias is required: the name to split off into a new entity."));
        if (CheckReason(reason) is { } problem) return (null, problem);
        if (await store.GetEntityAsync(entityId, cancellationToken) is not { } entity) return (null, Problems.NotFound($"No entity {entityId}."));
        if (!entity.Aliases.Contains(alias, StringComparer.Ordinal)) return (null, Problems.NotFound($"Entity {entityId} has no alias \"{alias}\"."));
        return await DecideAsync(() => links.SplitAsync(entityId, alias, reason!.Trim(), cancellationToken));
    }

    private static ProblemHttpResult? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? Problems.BadRequest("reason is required: say why, it is kept with the decision.")
        : reason.Length > MaxReasonLength ? Problems.BadRequest($"reason may be at most {MaxReasonLength} characters.")
        : null;

    private static async Task<ProblemHttpResult?> MissingAsync(IDossierStore store, long entityId, CancellationToken cancellationToken) =>
        await store.GetEntityAsync(entityId, cancellationToken) is null ? Problems.NotFound($"No entity {entityId}.") : null;

    private static async Task<(EntityDecision?, ProblemHttpResult?)> DecideAsync(Func<Task<EntityDecision>> decide)
    {
        try
        {
            return (await decide(), null);
        }
        catch (ArgumentException error)
        {
            // The store refuses what would corrupt the entity graph (a merge cycle, a name the entity no longer holds) and says why.
            return (null, Problems.Of(StatusCodes.Status409Conflict, "Conflict", error.Message.Split(" (Parameter", 2)[0]));
        }
    }
}
