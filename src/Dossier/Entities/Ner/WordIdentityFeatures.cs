namespace Dossier.Entities.Ner;

/// <summary>
/// Finds which of a token's features are read from the token's own word (the word itself, lower-cased, with its
/// case context, and the n-grams it is part of), so that training can leave them out together: a name the model
/// has memorised then has to be recognised from its shape, context, lists and word class as well, the way an
/// unseen name must be.
/// </summary>
/// <remarks>
/// The features are found by extracting the document again with some tokens' words replaced by other words (and
/// the document's evidence about those words carried over), and seeing which features change. The word feature
/// templates reach at most two tokens away, so masking every third token changes, for a masked token, exactly the
/// features that read its own word; three extractions cover every token. Nothing here repeats the templates, so
/// the group follows the extractor as it changes.
/// </remarks>
internal static class WordIdentityFeatures
{
    private const int Stride = 3;

    // Mixed into a masked token's word hashes: another word, the same for every occurrence of the same word.
    private const ulong Salt = 0x57A1E0F904D;

    /// <summary>Per sentence, per feature of <paramref name="features"/>: whether it reads the token's own word.</summary>
    /// <param name="capitalisedOnly">Only the features of capitalised words (names, which a model memorises) are flagged.</param>
    public static bool[][] Find(NerFeatureExtractor extractor, NerFeatureExtractor.PreparedDocument document, SentenceFeatures[] features, bool capitalisedOnly = false)
    {
        var own = features.Select(sentence => new bool[sentence.Features.Length]).ToArray();
        for (var residue = 0; residue < Stride; residue++)
        {
            var masked = extractor.Extract(Masked(document, residue), null);
            for (var s = 0; s < features.Length; s++)
            {
                var (original, changed) = (features[s], masked[s]);
                for (var t = residue; t < original.Length; t += Stride)
                {
                    var text = document.Infos[s][t].Text;
                    if (capitalisedOnly && (text.Length == 0 || !char.IsUpper(text[0]))) continue;
                    var (start, end) = (original.Offsets[t], original.Offsets[t + 1]);
                    if (changed.Offsets[t] != start || changed.Offsets[t + 1] != end)
                    {
                        throw new InvalidOperationException("The extractor gave a token a different number of features when only its word changed.");
                    }

                    for (var k = start; k < end; k++) own[s][k] = original.Features[k] != changed.Features[k];
                }
            }
        }

        return own;
    }

    /// <summary>
    /// The same flags for features extracted with more after each token's (the second pass's, which copies the first
    /// pass's token features to the front of each token's own).
    /// </summary>
    public static bool[][] Extend(bool[][] own, SentenceFeatures[] first, SentenceFeatures[] extended)
    {
        var result = new bool[own.Length][];
        for (var s = 0; s < own.Length; s++)
        {
            result[s] = new bool[extended[s].Features.Length];
            for (var t = 0; t < first[s].Length; t++)
            {
                var length = first[s].Offsets[t + 1] - first[s].Offsets[t];
                own[s].AsSpan(first[s].Offsets[t], length).CopyTo(result[s].AsSpan(extended[s].Offsets[t], length));
            }
        }

        return result;
    }

    private static NerFeatureExtractor.PreparedDocument Masked(NerFeatureExtractor.PreparedDocument document, int residue)
    {
        var infos = document.Infos.Select(sentence => sentence.ToArray()).ToArray();
        foreach (var sentence in infos)
        {
            for (var t = residue; t < sentence.Length; t += Stride)
            {
                sentence[t].Word = StableHash.Mix(sentence[t].Word, Salt);
                sentence[t].LowerWord = StableHash.Mix(sentence[t].LowerWord, Salt);
            }
        }

        // What the document says about a word (written in lower case elsewhere, capitalised mid-sentence) is about
        // the word, not its identity: the masked word keeps it.
        return new NerFeatureExtractor.PreparedDocument(
            infos, document.Headline, document.TableRow, WithMasked(document.LowerSeen), WithMasked(document.CapSeen), document.Kind);
    }

    private static HashSet<ulong> WithMasked(HashSet<ulong> words)
    {
        var result = new HashSet<ulong>(words);
        foreach (var word in words) result.Add(StableHash.Mix(word, Salt));
        return result;
    }
}
