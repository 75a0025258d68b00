using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dossier.Cli.Commands;

/// <summary>
/// Writes one JSON object a property or an array item at a time, flushing each to the output, so that a large document
/// (a whole run's analysis) is never held whole. The bytes are those <see cref="JsonSerializer"/> writes for the same
/// object with the same options: property names follow the options' naming policy, items are serialized with them.
/// </summary>
internal sealed class JsonObjectStream : IDisposable
{
    private readonly TextWriter _output;
    private readonly JsonSerializerOptions _options;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _writer;

    public JsonObjectStream(TextWriter output, JsonSerializerOptions options)
    {
        _output = output;
        _options = options;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            MaxDepth = options.MaxDepth,
        });
        _writer.WriteStartObject();
    }

    /// <summary>Writes a property whose name is the model's member name as the naming policy spells it.</summary>
    public void WriteProperty<T>(string memberName, T value)
    {
        _writer.WritePropertyName(Name(memberName));
        JsonSerializer.Serialize(_writer, value, _options);
    }

    public void StartArray(string memberName)
    {
        _writer.WritePropertyName(Name(memberName));
        _writer.WriteStartArray();
    }

    public void WriteItem<T>(T value) => JsonSerializer.Serialize(_writer, value, _options);

    public void EndArray() => _writer.WriteEndArray();

    public void EndObject() => _writer.WriteEndObject();

    /// <summary>Passes what is written so far on to the output (whole tokens, so no character is split).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        _writer.Flush();
        if (_buffer.WrittenCount == 0) return;
        await _output.WriteAsync(Encoding.UTF8.GetString(_buffer.WrittenSpan).AsMemory(), cancellationToken);
        _buffer.ResetWrittenCount();
    }

    public void Dispose() => _writer.Dispose();

    private string Name(string memberName) => _options.PropertyNamingPolicy?.ConvertName(memberName) ?? memberName;
}
