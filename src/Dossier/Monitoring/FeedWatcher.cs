using System.Globalization;
using Dossier.Analysis;
using Dossier.Documents;
using Dossier.Ingestion;
using Dossier.Serialization;

namespace Dossier.Monitoring;

/// <summary>
/// Polls feeds, analyses the articles they link to, stores them, and raises an alert for each claim about a watched entity
/// in a document the store did not have. Articles already stored are not analysed again.
/// </summary>
public sealed class FeedWatcher(AnalysisRunner runner, IDossierStore store, WatchedEntities watched)
{
    public async Task<int> PollAsync(IReadOnlyList<string> feeds, Func<ClaimAlert, CancellationToken, Task> alert, IRunObserver observer, CancellationToken cancellationToken)
    {
        var collector = new NewDocuments(observer);
        await runner.RunAsync(feeds, () => Stream.Null, new RunOptions(), collector, cancellationToken);
        var alerts = 0;
        foreach (var document in collector.Added)
        {
            foreach (var claimAlert in await AlertsForAsync(document, cancellationToken))
            {
                await alert(claimAlert, cancellationToken);
                alerts++;
            }
        }

        return alerts;
    }

    private async Task<List<ClaimAlert>> AlertsForAsync(Document document, CancellationToken cancellationToken)
    {
        var claims = document.GetOrDefault(Layers.Claims);
        if (claims.IsDefaultOrEmpty) return [];
        var canonicalIds = await store.GetCanonicalIdsAsync(document.Id, cancellationToken);
        var entities = (await store.GetEntitiesAsync([document.Id], cancellationToken)).ToDictionary(e => e.Id);
        var alerts = new List<ClaimAlert>();
        foreach (var claim in claims)
        {
            if (claim.SubjectEntityIds.IsDefault) continue;
            foreach (var subject in claim.SubjectEntityIds.Distinct())
            {
                if (!canonicalIds.TryGetValue(subject, out var canonicalId) || !entities.TryGetValue(canonicalId, out var entity) || !watched.Matches(entity)) continue;
                alerts.Add(new ClaimAlert(
                    DateTimeOffset.UtcNow,
                    entity.Name,
                    entity.Id,
                    document.Id,
                    document.Metadata.Source,
                    document.Metadata.Url,
                    document.Metadata.Title,
                    document.Metadata.Published?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                    document.TextOf(claim.Span),
                    claim.Span.Start,
                    claim.Span.End,
                    claim.Category,
                    DossierJsonMapper.Snake(claim.Status),
                    DossierJsonMapper.Snake(claim.Polarity)));
            }
        }

        return alerts;
    }

    /// <summary>Passes events through and keeps the documents this poll added to the store.</summary>
    private sealed class NewDocuments(IRunObserver inner) : IRunObserver
    {
        public List<Document> Added { get; } = [];

        public void InputFailed(InputFailure failure) => inner.InputFailed(failure);
        public void InputWarning(string source, string warning) => inner.InputWarning(source, warning);
        public void DocumentSkipped(string source, string documentId) => inner.DocumentSkipped(source, documentId);

        public void DocumentAnalyzed(Document document, bool added)
        {
            if (added) Added.Add(document);
            inner.DocumentAnalyzed(document, added);
        }
    }
}
