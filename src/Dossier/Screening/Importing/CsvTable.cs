using System.Text;

namespace Dossier.Screening.Importing;

/// <summary>
/// An RFC 4180 reader that also survives what published lists do: a missing final quote, a Ctrl-Z end byte, rows cut
/// off mid-record, tab delimiters. A field is bounded so that a runaway quote cannot swallow the whole file.
/// </summary>
public static class CsvTable
{
    private const int MaxFieldLength = 1 << 20;

    public static IEnumerable<string[]> Read(TextReader reader, char delimiter = ',')
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (field.Length < MaxFieldLength)
                {
                    field.Append(ch);
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            if (ch == '"' && !fieldStarted)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else if (ch == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                row.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
                if (row.Count > 1 || row[0].Length > 0) yield return row.ToArray();
                row.Clear();
            }
            else if (ch != '\u001a')
            {
                if (field.Length < MaxFieldLength) field.Append(ch);
                fieldStarted = true;
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            if (row.Count > 1 || row[0].Length > 0) yield return row.ToArray();
        }
    }

    /// <summary>Rows as dictionaries keyed by the (case-insensitive) header names.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> ReadWithHeader(TextReader reader, char delimiter = ',')
    {
        string[]? header = null;
        foreach (var row in Read(reader, delimiter))
        {
            if (header is null)
            {
                header = row.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
                continue;
            }

            if (row.Length == header.Length && row.SequenceEqual(header, StringComparer.OrdinalIgnoreCase)) continue;
            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length && i < row.Length; i++) record[header[i]] = row[i].Trim();
            yield return record;
        }
    }

    public static string Get(this IReadOnlyDictionary<string, string> record, string key) =>
        record.TryGetValue(key, out var value) ? value : "";
}
