using Dossier.Bench;

// Usage: dotnet run -c Release --project bench/Dossier.Bench -- NAME [ARGS...]   (no NAME lists the benchmarks)
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(type))
    .Select(type => (IBenchmark)Activator.CreateInstance(type)!)
    .OrderBy(benchmark => benchmark.Name, StringComparer.Ordinal)
    .ToList();

var root = FindRepoRoot();
var context = new BenchContext(root, Environment.GetEnvironmentVariable("DOSSIER_SHARED") ?? Path.GetFullPath(Path.Combine(root, "..", "shared")), Console.Out);
var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.WriteLine("Benchmarks (dotnet run -c Release --project bench/Dossier.Bench -- NAME):");
    foreach (var benchmark in benchmarks) Console.WriteLine($"  {benchmark.Name,-16} {benchmark.Description}");
    return args.Length > 0 ? 2 : 0;
}

return await chosen.RunAsync(context, args[1..], CancellationToken.None);

static string FindRepoRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Dossier.sln"))) return directory.FullName;
    }

    return Directory.GetCurrentDirectory();
}
