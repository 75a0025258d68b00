using System.Collections.Immutable;

namespace Dossier.Documents;

/// <summary>
/// An article's clean text, its metadata and the annotation layers stages have added.
/// Immutable: a stage returns a new document with its layers added, so a document can be shared across threads.
/// </summary>
public sealed class Document
{
    private readonly ImmutableDictionary<LayerKey, object> _layers;

    private Document(string id, string text, DocumentMetadata metadata, ImmutableDictionary<LayerKey, object> layers)
    {
        Id = id;
        Text = text;
        Metadata = metadata;
        _layers = layers;
    }

    public static Document Create(string id, string text, DocumentMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(metadata);
        return new Document(id, text, metadata, ImmutableDictionary<LayerKey, object>.Empty);
    }

    /// <summary>SHA-256 of the input bytes, lower-case hex.</summary>
    public string Id { get; }
    public string Text { get; }
    public DocumentMetadata Metadata { get; }

    public IEnumerable<LayerKey> Layers => _layers.Keys;

    public bool Has(LayerKey key) => _layers.ContainsKey(key);

    public T Get<T>(LayerKey<T> key) where T : notnull =>
        _layers.TryGetValue(key, out var value)
            ? (T)value
            : throw new InvalidOperationException($"Document {Id} has no '{key.Name}' layer; add the stage that produces it to the pipeline.");

    public T? GetOrDefault<T>(LayerKey<T> key) where T : notnull =>
        _layers.TryGetValue(key, out var value) ? (T)value : default;

    public Document With<T>(LayerKey<T> key, T value) where T : notnull =>
        new(Id, Text, Metadata, _layers.SetItem(key, value));

    public Document WithMetadata(DocumentMetadata metadata) => new(Id, Text, metadata, _layers);

    public string TextOf(TextSpan span) => Text.Substring(span.Start, span.Length);

    public ReadOnlySpan<char> SliceOf(TextSpan span) => Text.AsSpan(span.Start, span.Length);
}
