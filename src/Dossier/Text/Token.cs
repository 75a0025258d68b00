using Dossier.Documents;

namespace Dossier.Text;

public enum TokenKind
{
    Word,
    Number,
    Punctuation,
    Symbol,
    Url,
    Email,
}

public readonly record struct Token(TextSpan Span, TokenKind Kind);

public readonly record struct Sentence(TextSpan Span, int FirstToken, int TokenCount)
{
    public int EndToken => FirstToken + TokenCount;
}
