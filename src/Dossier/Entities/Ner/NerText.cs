using System.Text;

namespace Dossier.Entities.Ner;

/// <summary>Maps typographic variants onto the plain ASCII forms the CoNLL-2003 newswire uses, before features are read.</summary>
public static class NerText
{
    public static string Normalize(string token)
    {
        var needs = false;
        foreach (var c in token)
        {
            if (c > 0x7f)
            {
                needs = true;
                break;
            }
        }

        if (!needs) return token;
        var builder = new StringBuilder(token.Length);
        foreach (var c in token)
        {
            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201B' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u2033' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                '\u00A0' => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
