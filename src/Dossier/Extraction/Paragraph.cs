using Dossier.Documents;

namespace Dossier.Extraction;

/// <summary>A block of body text as the page laid it out; sentences never cross one.</summary>
public readonly record struct Paragraph(TextSpan Span, ParagraphKind Kind = ParagraphKind.Body);

public enum ParagraphKind
{
    Title,
    Heading,
    Body,
    Quote,
    ListItem,
}
