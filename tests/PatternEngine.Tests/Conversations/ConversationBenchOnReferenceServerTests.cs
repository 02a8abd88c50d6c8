using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PatternEngine.Bench;
using PatternEngine.Bench.Golden;
using PatternEngine.Bench.Reports;
using PatternEngine.Library;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;
using Xunit.Abstractions;

namespace PatternEngine.Tests.Conversations;

/// <summary>
/// zero-token-memory benched against full-history on scripted 20-turn conversations, on the loopback reference
/// server with a model that answers "What is my X?" from whatever the request holds and bills the words it was sent.
/// </summary>
public sealed partial class ConversationBenchOnReferenceServerTests(ITestOutputHelper output)
{
    private static readonly (string Thing, string Value)[] Facts =
    [
        ("dog", "Rex"), ("city", "Lisbon"), ("car", "red"), ("sister", "Ana"), ("job", "nurse"),
        ("team", "Benfica"), ("drink", "tea"), ("bike", "blue"), ("cat", "Tom"), ("street", "Augusta"),
    ];

    private static readonly PatternLibrary BuiltIns = new(Path.Combine(Patterns.RepositoryRoot(), "patterns"));

    /// <summary>Case <paramref name="rotation"/>: the ten facts told from the rotation on, then each asked for in the same order.</summary>
    public static string Conversation(int rotation)
    {
        var facts = Facts.Skip(rotation).Concat(Facts.Take(rotation)).ToList();
        var turns = facts.Select(f => new { user = $"My {f.Thing} is {f.Value}.", expected = (string?)null })
            .Concat(facts.Select(f => new { user = $"What is my {f.Thing}?", expected = (string?)f.Value }))
            .Select(t => t.expected is null ? (object)new { t.user } : t);
        return JsonSerializer.Serialize(new { id = $"talk-{rotation}", turns });
    }

    // The model answers a question about one of the user's things from any message that told it; it bills its prompt by words.
    private static ServerReply Answer(ServerRequest request)
    {
        var asked = Asked().Match(request.Prompt);
        var told = asked.Success
            ? request.AllTexts.Select(t => Regex.Match(t, $@"My {asked.Groups[1].Value} is (\w+)")).FirstOrDefault(m => m.Success)
            : null;
        var text = told is null ? "OK." : $"Your {asked.Groups[1].Value} is {told.Groups[1].Value}.";
        return ServerReply.Text(text, ModelBehaviour.PromptTokens(request), ModelBehaviour.Words(text));
    }

    [Fact]
    public async Task Memory_keeps_its_input_tokens_flat_while_full_history_grows_and_both_recall_every_fact()
    {
        await using var server = await ReferenceServer.StartAsync(Answer);
        using var engine = ReferenceProviders.Engine(ReferenceProviders.File(server, model: "m1"));
        BenchEntry Entry(string name) => new(engine.Compile(BuiltIns.Load(BuiltIns.Resolve(name))), name);
        var golden = GoldenFile.Parse(string.Join("\n", Enumerable.Range(0, 4).Select(Conversation)), "conversations.jsonl");

        var report = await BenchRunner.RunAsync(Entry("full-history"), [Entry("zero-token-memory")], golden, new BenchOptions { Resamples = 200, Warmup = false });

        var full = report.Patterns.Single(p => p.Pattern == "full-history");
        var memory = report.Patterns.Single(p => p.Pattern == "zero-token-memory");
        Assert.Equal((1.0, 1.0), (full.Accuracy, memory.Accuracy));
        var tokens = memory.Deltas!.TokensPercent!;
        Assert.True(tokens.High < -50, $"tokens delta {tokens.Value:F1}% [{tokens.Low:F1}, {tokens.High:F1}]");
        var curves = TurnCurve.Of(report).ToDictionary(c => c.Pattern);
        var fullCurve = curves["full-history"].Points.Select(p => p.InputTokens).ToList();
        var memoryCurve = curves["zero-token-memory"].Points.Select(p => p.InputTokens).ToList();
        Assert.Equal(20, fullCurve.Count);
        Assert.True(fullCurve.Zip(fullCurve.Skip(1)).All(p => p.Second > p.First), "full history grows every turn");
        Assert.Equal(memoryCurve[^5], memoryCurve[^1]);
        Assert.True(memoryCurve.TakeLast(5).Max() - memoryCurve.TakeLast(5).Min() <= 1, "memory's last turns stay flat");
        Assert.True(fullCurve[^1] > 4 * memoryCurve[^1], $"last turn: full history {fullCurve[^1]}, memory {memoryCurve[^1]}");

        // What the engine measured is what the server billed, turn by turn.
        var (billed, _) = server.Log.BilledTokens();
        Assert.Equal(billed, report.Samples.Sum(s => s.InputTokens));
        var markdown = BenchReportMarkdown.ToMarkdown(report);
        Assert.Contains("## Tokens per turn", markdown, StringComparison.Ordinal);
        Assert.Contains("class=\"turn-chart\"", BenchReportHtml.ToHtml(report), StringComparison.Ordinal);
        output.WriteLine(markdown);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tokens {tokens.Value:F1}% [{tokens.Low:F1}, {tokens.High:F1}]; latency p50 {memory.Deltas.LatencyP50Percent?.Value:F1}%"));
    }

    [GeneratedRegex(@"^What is my (\w+)\?$")]
    private static partial Regex Asked();
}
