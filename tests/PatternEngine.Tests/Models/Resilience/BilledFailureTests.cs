using PatternEngine.Execution;
using PatternEngine.Models.Catalog;
using PatternEngine.Tests.Support;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Models.Resilience;

/// <summary>A provider bills the usage it reports with an answer that fails; the failed attempt's record counts and costs it.</summary>
public sealed class BilledFailureTests
{
    public static TheoryData<bool> Streamed => [false, true];

    private static async Task<CallRecord> FirstAttemptAsync(ServerReply failing, bool streaming)
    {
        await using var server = await ReferenceServer.StartAsync(ReferenceProviders.InOrder(failing, ServerReply.Text("Paris", 10, 1)));
        using var compiler = ReferenceProviders.Engine(ReferenceProviders.File(server, model: "gpt-4.1-mini"), b => b.UseStreaming(streaming).WithCatalog(ModelCatalog.BuiltIn));

        var record = await compiler.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>());

        Assert.Equal("Paris", record.Output.Text);
        var calls = Assert.Single(record.Stages).CallRecords;
        Assert.Equal(2, calls.Length);
        Assert.Equal(calls.Sum(c => c.InputTokens), record.Totals.InputTokens);
        return calls[0];
    }

    [Theory]
    [MemberData(nameof(Streamed))]
    public async Task An_answer_with_no_choices_keeps_the_tokens_it_billed_and_their_cost(bool streaming)
    {
        var call = await FirstAttemptAsync(ServerReply.NoChoicesBilled(1_000, 20), streaming);

        Assert.NotNull(call.Error);
        Assert.Equal((1_000L, 20L, "provider"), (call.InputTokens, call.OutputTokens, call.UsageSource));
        Assert.Equal(ModelCatalog.BuiltIn.Find("gpt-4.1-mini")!.CostOf(1_000, 20), call.CostUsd);
    }

    [Theory]
    [MemberData(nameof(Streamed))]
    public async Task An_empty_message_keeps_the_tokens_it_billed(bool streaming)
    {
        var call = await FirstAttemptAsync(ServerReply.Text("", 300, 7), streaming);

        Assert.Contains(streaming ? "streamed no text" : "an empty message", call.Error, StringComparison.Ordinal);
        Assert.Equal((300L, 7L), (call.InputTokens, call.OutputTokens));
        Assert.True(call.CostUsd > 0);
    }
}
