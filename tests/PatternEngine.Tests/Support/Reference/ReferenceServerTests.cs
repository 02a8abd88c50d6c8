using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using PatternEngine.Compilation;
using PatternEngine.Execution;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>The reference server keeps its word: the latency, faults and truth it is configured with are what a client meets.</summary>
public sealed class ReferenceServerTests
{
    private static readonly long[] GreedySeeds = [1, 2];

    private static readonly long[] SampledSeeds = [3, 4, 5];

    private static readonly ReferenceQuestion Question = ReferenceQuestion.Sum("q1", 12, 30);

    private static CompiledPattern OneCall(PatternRuntime providers, string prompt) => providers.Compile(Patterns.OneCall(prompt));

    private static ChatOptions Options(long seed = 1, float temperature = 0) => new() { Temperature = temperature, Seed = seed };

    [Fact]
    public async Task A_model_waits_its_time_to_first_token_then_one_token_time_per_further_token()
    {
        var waits = new ConcurrentQueue<TimeSpan>();
        var model = new ReferenceModel("slow") { TimeToFirstToken = TimeSpan.FromMilliseconds(300), TokensPerSecond = 50 };
        await using var server = await ReferenceServer.StartAsync(new ServerConfig
        {
            Models = [model], Questions = [Question], Delay = (wait, _) => { waits.Enqueue(wait); return Task.CompletedTask; },
        });
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server, model: "slow"));

        var response = await providers.Router.GetResponseAsync([new ChatMessage(ChatRole.User, Question.Text)], Options());

        var tokens = (int)response.Usage!.OutputTokenCount!;
        Assert.Equal(tokens, Assert.Single(server.Log.Exchanges).Usage!.CompletionTokens);
        Assert.Equal(TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds((tokens - 1) / 50.0), Assert.Single(waits));
    }

    [Fact]
    public async Task A_streamed_answer_arrives_after_the_time_to_first_token_the_server_really_waits()
    {
        var model = new ReferenceModel("slow") { TimeToFirstToken = TimeSpan.FromMilliseconds(200) };
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [model], Questions = [Question] });
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server, model: "slow"));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        TimeSpan? first = null;
        await foreach (var update in providers.Router.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, Question.Text)], Options()))
        {
            first ??= update.Text.Length > 0 ? System.Diagnostics.Stopwatch.GetElapsedTime(started) : null;
        }

        Assert.True(first >= TimeSpan.FromMilliseconds(190), $"first token after {first?.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Greedy_answers_are_the_same_for_every_seed_and_sampled_ones_follow_the_known_truth()
    {
        var model = new ReferenceModel("half") { Accuracy = 0.5, Styles = AnswerStyles.All };
        var questions = ReferenceQuestion.Sums(8);
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [model], Questions = [.. questions] });
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server, model: "half"));

        foreach (var question in questions)
        {
            var greedy = await Task.WhenAll(GreedySeeds.Select(seed => providers.Router.GetResponseAsync([new ChatMessage(ChatRole.User, question.Text)], Options(seed))));
            Assert.Equal(greedy[0].Text, greedy[1].Text);
            foreach (var seed in SampledSeeds)
            {
                await providers.Router.GetResponseAsync([new ChatMessage(ChatRole.User, question.Text)], Options(seed, 0.8f));
            }
        }

        Assert.All(server.Log.Exchanges, e => Assert.Equal(
            ReferenceTruth.IsCorrect(model, e.Turn.Question!, e.Request.Seed, e.Request.Temperature),
            e.Turn.Correct));
        Assert.Contains(server.Log.Exchanges, e => e.Turn.Correct == true);
        Assert.Contains(server.Log.Exchanges, e => e.Turn.Correct == false);
    }

    [Fact]
    public async Task A_model_s_faults_hit_the_requests_they_name_and_the_engine_retries_past_them()
    {
        var model = new ReferenceModel("flaky") { Faults = r => r.ModelNumber < 2 ? ServerReply.Status(503) : null };
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [model], Questions = [Question] });
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server, model: "flaky"));
        var pattern = OneCall(providers, "What is 12 + 30?");

        var record = await pattern.RunAsync(new Dictionary<string, string>());

        Assert.Equal([503, 503, 200], server.Log.Exchanges.Select(e => e.Status));
        Assert.Equal([true, true, false], record.Stages[0].CallRecords.Select(c => c.Error is not null));
        Assert.Contains("42", record.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_the_server_does_not_serve_is_refused_with_404()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceModel("known"));
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server, model: "unknown"));
        var pattern = OneCall(providers, "hello");

        var error = await Assert.ThrowsAsync<PatternRunException>(() => pattern.RunAsync(new Dictionary<string, string>()));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Equal(404, Assert.Single(server.Log.Exchanges).Status);
        Assert.IsType<ModelCallException>(error.InnerException);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_model_that_uses_tools_evaluates_the_sum_natively_or_by_the_text_protocol(bool functionCalling)
    {
        var model = new ReferenceModel("tools") { Accuracy = 0 }; // never right on its own, so only the tool can make it right
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [model], Questions = [Question] });
        var library = new PatternEngine.Library.PatternLibrary(Path.Combine(Patterns.RepositoryRoot(), "patterns"));
        using var providers = ReferenceProviders.Engine(
            ReferenceProviders.File(server, model: "tools", providerExtras: $"function_calling: {(functionCalling ? "true" : "false")}"), b => b.AddPlugins(library.Tools()));
        var pattern = providers.Compile(library.Load(library.Resolve("tool-calling-reflex")));

        var record = await pattern.RunAsync(new Dictionary<string, string> { ["question"] = Question.Text });

        Assert.Equal(["tool_call", "tool_answer"], server.Log.Exchanges.Select(e => e.Turn.Kind));
        Assert.True(server.Log.Exchanges[1].Turn.Correct);
        Assert.Equal(42, PatternEngine.Compilation.AnswerNumbers.Last(record.Output.Text!));
    }
}
