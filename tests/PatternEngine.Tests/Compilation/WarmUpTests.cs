using PatternEngine.Models.Recording;
using PatternEngine.Tests.Cli;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Compilation;

/// <summary>A warm-up runs the pattern's own kernel and stages on a stand-in: no model, cassette or log sees it.</summary>
public sealed class WarmUpTests : IDisposable
{
    private const string TwoStages = """
        name: two
        version: 1.0.0
        inputs:
          question: { type: string }
        stages:
          - { id: draft, kind: prompt, template: "{{ question }}" }
          - id: samples
            kind: fan_out
            count: 3
            body: { template: "again: {{ draft }}", temperature: 0.5 }
        output: samples
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_warm_up_reaches_no_model_and_no_cassette_and_the_run_after_it_does(bool streaming)
    {
        var model = new ScriptedChatClient(r => "answer to " + r.Prompt);
        var cassettePath = Path.Combine(_dir.Path, "calls.jsonl");
        using var cassette = Cassette.OpenOrCreate(cassettePath);
        var pattern = Engines.For(model, b => b.UseCassette(cassette, CassetteMode.Record).UseStreaming(streaming))
            .Compile(Patterns.Parse(TwoStages));
        var inputs = new Dictionary<string, string> { ["question"] = "why?" };

        var took = await pattern.WarmUpAsync(inputs);

        Assert.True(took > TimeSpan.Zero);
        Assert.Empty(model.Requests);
        Assert.False(File.Exists(cassettePath) && File.ReadAllLines(cassettePath).Length > 0, "the warm-up wrote to the cassette");

        var record = await pattern.RunAsync(inputs);

        Assert.Equal(4, model.Requests.Count);
        Assert.Equal(4, File.ReadAllLines(cassettePath).Length);
        Assert.Equal("answer to why?", record.Stages[0].Output.Text);
    }

    [Fact]
    public async Task Calls_outside_a_warm_up_are_not_stood_in_for_even_while_another_flow_warms_up()
    {
        var gate = new TaskCompletionSource();
        var slow = new ScriptedChatClient(async (r, _) => { await gate.Task; return "real"; });
        var fast = new ScriptedChatClient(_ => "real");
        var warming = Engines.For(slow).Compile(Patterns.OneCall());
        var running = Engines.For(fast).Compile(Patterns.OneCall());

        // The warm-up's calls never reach its model, so it finishes though the model would never answer.
        var warmUp = warming.WarmUpAsync(new Dictionary<string, string>());
        var record = await running.RunAsync(new Dictionary<string, string>());
        await warmUp;
        gate.SetResult();

        Assert.Equal("real", record.Output.Text);
        Assert.Single(fast.Requests);
        Assert.Empty(slow.Requests);
    }
}
