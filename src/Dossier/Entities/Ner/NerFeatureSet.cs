namespace Dossier.Entities.Ner;

/// <summary>
/// Optional feature groups a model was trained with; the model file records them so that the tagger extracts the
/// same features. A model without the record (format 2) was trained with none of them.
/// </summary>
[Flags]
public enum NerFeatureSet
{
    None = 0,

    /// <summary>Letter trigrams inside the word, which carry over to names never seen in training.</summary>
    CharacterTrigrams = 1,

    /// <summary>
    /// The lists that hold the last word of the capitalised run the word is in, and the word after the run
    /// ("Brown Deer Park Golf Course", "Gold Fields Ltd"): a head noun names the type of an unseen name.
    /// </summary>
    RunHeads = 2,

    /// <summary>Each list the word is on, with the word's shape and capitalisation context.</summary>
    ShapeWithGazetteer = 4,

    /// <summary>Leave out the word with both its neighbours, which memorises training phrases.</summary>
    NoWordWindow = 8,

    /// <summary>
    /// What kind of document the word is in (the headline's first word, as in "BASEBALL - ...", and whether the
    /// document has results tables) with the word's lists and class: a city in a sports report is often a team.
    /// </summary>
    DocumentKind = 16,

    /// <summary>
    /// The word's classes in a tree grown on pretrained word vectors (<see cref="WordClusters.PretrainedTree"/>): vectors
    /// learnt from billions of words place rare names near the frequent words of their kind.
    /// </summary>
    PretrainedClasses = 32,

    /// <summary>
    /// With <see cref="PretrainedClasses"/>: read the pretrained tree only for capitalised words. The vectors are
    /// lower-case, so the tree cannot tell "bush" from "Bush"; where the word is written capitalised its case says it
    /// may be a name, and the class says which kind.
    /// </summary>
    CapitalisedPretrainedClasses = 64,

    /// <summary>
    /// The second neighbour-count tree was grown on words as written, not lower-cased, and is read with the word's
    /// case: "Bush" and "bush", "Apple" and "apple" have classes of their own, as in Ratinov and Roth's clusters.
    /// </summary>
    CasedSecondClasses = 128,

    /// <summary>
    /// The pretrained vectors of the word and its two neighbours (<see cref="WordVectorTable"/>) as real-valued
    /// features, a dense block of weights per position (Turian et al. 2010): the vector places a rare name near the
    /// words of its kind by degrees, where a class only says which cell it fell in.
    /// </summary>
    DenseWordVectors = 256,

    /// <summary>
    /// With <see cref="DenseWordVectors"/>: three more blocks that read the same positions' vectors only where that word
    /// is capitalised, so that "bush" and "Bush", alike in the lower-case vectors, can weigh differently.
    /// </summary>
    CapitalisedDenseWordVectors = 512,

    /// <summary>
    /// With <see cref="DenseWordVectors"/>: a feature per position (the word before, the word, the word after) and case
    /// where that word has no vector, a learnt stand-in for the vector it lacks. Without it, the neighbours' blocks learn
    /// tag preferences that the word's own vector offsets, and a name newer than the vectors ("WeChat"), which has none,
    /// keeps only the neighbours' side: a full stop after it reads as "not a name".
    /// </summary>
    MissingVectorIndicators = 1024,

    /// <summary>
    /// With <see cref="DenseWordVectors"/>: a capitalised word without a vector reads the table's capitalised stand-in
    /// (<see cref="WordVectorTable.WithCapitalisedStandIn"/>), the mean vector of the capitalised words in training, instead
    /// of nothing. The neighbours' blocks learn alongside the word's own vector, which for a capitalised word carries its
    /// share of "this is a name"; a name newer than the vectors ("WeChat") would otherwise lack that share and keep only
    /// the neighbours' side, where a full stop after it reads as "not a name".
    /// </summary>
    CapitalisedVectorStandIn = 2048,

    /// <summary>
    /// With <see cref="DenseWordVectors"/> (not with <see cref="CapitalisedDenseWordVectors"/>): a capitalised token reads
    /// its three positions' vectors through blocks of its own, slots 3 to 5, and the other tokens through slots 0 to 2.
    /// Most tokens before a full stop are lower-case words outside any name, so one block for all learns "a full stop
    /// follows: not a name", which a capitalised word's own vector offsets; a capitalised word without a vector
    /// ("WeChat") would otherwise meet that lesson alone.
    /// </summary>
    CaseSplitVectorBlocks = 4096,
}
