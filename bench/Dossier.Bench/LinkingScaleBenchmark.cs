using System.Collections;
using System.Diagnostics;
using System.Globalization;
using Dossier.Linking;
using Dossier;

namespace Dossier.Bench;

/// <summary>
/// Time and memory of story clustering for 1k, 10k and 100k synthetic articles made of Reuters-21578 sentences
/// (a fifth of them rewrites of earlier ones), one core. The documents are generated on access so that the
/// memory measured is the clusterer's own. Time is the process's CPU time, which a shared machine's load disturbs
/// far less than the wall clock (printed beside it); the growth factor is computed from it.
/// </summary>
public sealed class LinkingScaleBenchmark : IBenchmark
{
    public string Name => "linking-scale";
    public string Description => "story clustering time and memory for 1k/10k/100k synthetic articles from Reuters sentences (one core)";

    public Task<int> RunAsync(BenchContext context, string[] args, CancellationToken cancellationToken)
    {
        var folder = LinkingCorpus.Folder(context);
        if (!Directory.Exists(folder))
        {
            context.Out.WriteLine($"no Reuters-21578 text under {folder}");
            return Task.FromResult(1);
        }

        var sentences = LinkingCorpus.Read(folder, minWords: 20).SelectMany(a => a.Sentences).Where(s => s.Length > 40).Distinct().ToArray();
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000];
        context.Out.WriteLine($"sentence pool: {sentences.Length:N0}");
        context.Out.WriteLine("documents  CPU s    wall s   docs/s     allocated MB  heap after MB  stories  CPU vs previous");
        double? previous = null;
        new StoryClusterer().Cluster(new SyntheticCorpus(sentences, 200), cancellationToken);
        foreach (var size in sizes)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var (stories, seconds, wall) = Timed(() => new StoryClusterer().Cluster(new SyntheticCorpus(sentences, size), cancellationToken));
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1048576.0;
            var heap = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0;
            var ratio = previous is { } p ? (seconds / p).ToString("0.0x", CultureInfo.InvariantCulture) : "-";
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,9:N0}  {seconds,7:0.00}  {wall,7:0.00}  {size / seconds,8:N0}  {allocated,12:N0}  {heap,13:N0}  {stories.Count,7:N0}  {ratio}"));
            GC.KeepAlive(stories);
            previous = seconds;
        }

        context.Out.WriteLine();
        context.Out.WriteLine("claim linking (2 claims per article, subjects from capitalised words, stories as above)");
        context.Out.WriteLine("documents  claims   CPU s    wall s   claims/s   allocated MB  links     CPU vs previous");
        previous = null;
        foreach (var size in sizes)
        {
            var corpus = new SyntheticCorpus(sentences, size);
            var documents = Enumerable.Range(0, size).Select(i => WithClaims(corpus[i])).ToList();
            var stories = new StoryClusterer().Cluster(corpus, cancellationToken);
            GC.Collect();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var (result, seconds, wall) = Timed(() => new ClaimLinker().Link(documents, stories, cancellationToken));
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1048576.0;
            var claims = documents.Sum(d => d.Claims.Count);
            var ratio = previous is { } p ? (seconds / p).ToString("0.0x", CultureInfo.InvariantCulture) : "-";
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,9:N0}  {claims,7:N0}  {seconds,7:0.00}  {wall,7:0.00}  {claims / seconds,8:N0}  {allocated,12:N0}  {result.Links.Count,8:N0}  {ratio}"));
            previous = seconds;
        }

        return Task.FromResult(0);
    }

    /// <summary>The result, the process's CPU seconds and the wall-clock seconds of one run.</summary>
    private static (T Result, double CpuSeconds, double WallSeconds) Timed<T>(Func<T> run)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = run();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (result, (process.TotalProcessorTime - cpuBefore).TotalSeconds, wall);
    }

    /// <summary>The article's first and third sentences as claims, about the capitalised words they contain.</summary>
    private static LinkableDocument WithClaims(StoryInput input)
    {
        var claims = new List<LinkableClaim>();
        var start = 0;
        var index = 0;
        foreach (var sentence in input.Text.Split(". ", StringSplitOptions.None).Take(3))
        {
            if (index != 1)
            {
                var subjects = System.Text.RegularExpressions.Regex.Matches(sentence, @"\b[A-Z][a-z]{2,}\b").Select(m => m.Value).Distinct().Take(4).ToList();
                claims.Add(new LinkableClaim(claims.Count, new Documents.TextSpan(start, start + sentence.Length), sentence, [], subjects, Claims.ClaimStatus.Asserted, null, null));
            }

            start += sentence.Length + 2;
            index++;
        }

        return new LinkableDocument(input.Id, input.Text, null, null, null, claims);
    }

    /// <summary>Articles of 8–20 pooled sentences; every fifth is a light rewrite (one sentence dropped) of an earlier article.</summary>
    private sealed class SyntheticCorpus(string[] pool, int count) : IReadOnlyList<StoryInput>
    {
        public int Count => count;

        public StoryInput this[int index] => new("doc" + index.ToString(CultureInfo.InvariantCulture), Text(index));

        private string Text(int index)
        {
            if (index % 5 == 4 && index > 5)
            {
                var original = Sentences(index / 2 - index / 2 % 5).ToList();
                original.RemoveAt(index % original.Count);
                return string.Join(' ', original);
            }

            return string.Join(' ', Sentences(index));
        }

        private IEnumerable<string> Sentences(int index)
        {
            var random = new Random(index);
            var length = 8 + random.Next(13);
            for (var i = 0; i < length; i++) yield return pool[random.Next(pool.Length)];
        }

        public IEnumerator<StoryInput> GetEnumerator()
        {
            for (var i = 0; i < count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
