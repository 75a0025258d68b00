using Dossier.Documents;

namespace Dossier.Pipeline;

/// <summary>
/// One step of document analysis. A stage says which layers it needs and which it adds,
/// so that the pipeline can be checked once, when it is built, rather than on every document.
/// </summary>
public interface IDocumentStage
{
    string Name { get; }
    IReadOnlyList<LayerKey> Requires { get; }
    IReadOnlyList<LayerKey> Produces { get; }

    /// <summary>Returns the document with this stage's layers added. Must not throw on odd text: empty layers are an answer.</summary>
    Document Process(Document document, CancellationToken cancellationToken);
}
