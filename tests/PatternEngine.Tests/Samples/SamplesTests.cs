using System.Diagnostics;
using System.Text.RegularExpressions;
using PatternEngine.Cli.Defaults;
using PatternEngine.Tests.Cli;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Samples;

/// <summary>
/// The README's code works as written: each code block marked <c>&lt;!-- sample: PATH --&gt;</c> is the text of that
/// file under <c>samples/</c> (an excerpt of it when marked so), every C# block is marked, and each program sample runs.
/// </summary>
public sealed partial class SamplesTests : IDisposable
{
    private static readonly string Root = Patterns.RepositoryRoot();

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string, bool> MarkedBlocks()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (Match block in MarkedBlock().Matches(File.ReadAllText(Path.Combine(Root, "README.md"))))
        {
            data.Add(block.Groups["path"].Value, block.Groups["code"].Value, block.Groups["excerpt"].Success);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MarkedBlocks))]
    public void A_code_block_of_the_README_is_its_sample_s_text(string path, string code, bool excerpt)
    {
        var source = File.ReadAllText(Path.Combine(Root, path)).ReplaceLineEndings("\n");

        if (excerpt)
        {
            Assert.Contains(code, source, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(source, code);
        }
    }

    [Fact]
    public void Every_CSharp_block_of_the_README_is_a_sample()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        Assert.Equal(CSharpBlock().Count(readme), MarkedBlock().Matches(readme).Count(m => m.Groups["language"].Value == "csharp"));
        Assert.True(MarkedBlocks().Count >= 6);
    }

    [Fact]
    public async Task The_run_sample_runs_a_pattern_on_the_embedded_model_from_any_folder()
    {
        var (code, output) = await RunAsync("RunPattern");

        Assert.True(code == 0, output);
        Assert.Matches(@"\d+ in, \d+ out, \d+ ms", output);
        Assert.Contains("\"pattern\": \"baseline\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bench_sample_benches_two_patterns_writes_its_report_and_stores_it()
    {
        var (code, output) = await RunAsync("BenchPatterns");

        Assert.True(code == 0, output);
        Assert.Contains("stored as bench 1", output, StringComparison.Ordinal);
        Assert.Contains("chain-of-thought", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "bench.html")));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "patterns-history.db")));
    }

    [Fact]
    public async Task The_conversation_sample_holds_a_conversation_whose_memory_recalls_and_then_forgets_it()
    {
        var (code, output) = await RunAsync("Conversation");

        Assert.True(code == 0, output);
        Assert.Contains("turn 0:", output, StringComparison.Ordinal);
        Assert.Matches(@"turn 2: \d+ tokens in, recalled [1-9]\d* fact\(s\)", output);
        Assert.Contains("stored 3 turns of", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "patterns-conversations.db")));
    }

    [Fact]
    public async Task The_trace_sample_prints_the_runs_spans_metrics_and_log_events()
    {
        var (code, output) = await RunAsync("TracePattern");

        Assert.True(code == 0, output);
        Assert.All(["run baseline", "stage answer", "chat stories260K", "gen_ai.usage.input_tokens", "gen_ai.client.token.usage", "pattern_engine.runs", "Run of baseline 1.0.0 finished"],
            text => Assert.True(output.Contains(text, StringComparison.Ordinal), $"no '{text}' in:\n{output}"));
    }

    [Fact]
    public async Task The_middleware_sample_answers_a_repeated_run_from_its_own_cache_and_the_record_says_so()
    {
        var (code, output) = await RunAsync("UserMiddleware");

        Assert.True(code == 0, output);
        Assert.Contains("first run: 5 calls, 0 cached, sources live", output, StringComparison.Ordinal);
        Assert.Contains("second run: 5 calls, 5 cached, sources cache", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_snapshot_sample_s_build_copies_its_pattern_and_cassette_beside_its_tests()
    {
        var output = Output("SnapshotTests");

        Assert.True(File.Exists(Path.Combine(output, "patterns", "my-pattern.yaml")));
        Assert.True(File.Exists(Path.Combine(output, "Cassettes", "my-pattern.jsonl")));
    }

    /// <summary>The sample's build output: its own bin folder, in the configuration and framework these tests were built in.</summary>
    private static string Output(string sample)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root, "samples", sample, "bin", framework.Parent!.Name, framework.Name);
    }

    // Run as a user would, with dotnet, from an unrelated folder, so that no path leans on the repository root; the
    // model file is passed as the program's argument, resolved as the tool resolves its default.
    private async Task<(int Code, string Output)> RunAsync(string sample)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(Output(sample), sample + ".dll"));
        start.ArgumentList.Add(DefaultModelFile.Resolve());
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"<!-- sample: (?<path>\S+)(?<excerpt> \(excerpt\))? -->\n```(?<language>\w+)\n(?<code>.*?)```\n", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();

    [GeneratedRegex(@"^```csharp$", RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();
}
