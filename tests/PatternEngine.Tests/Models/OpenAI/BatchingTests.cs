using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PatternEngine.Execution;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.OpenAI;
using PatternEngine.Models.Providers;
using PatternEngine.Models.Resilience;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Models.OpenAI;

/// <summary>Calls through the Batch API: gathered in waves, answered line by line, costed at the batch price, failed lines classified.</summary>
public sealed class BatchingTests
{
    private static readonly IReadOnlyList<ReferenceQuestion> Questions = ReferenceQuestion.Sums(4);

    private static readonly ModelCatalog Catalog = ModelCatalog.Parse("""
        models:
          - { id: fake-model, input_per_million: 2.00, output_per_million: 8.00, batch_input_per_million: 1.00, batch_output_per_million: 4.00 }
        """);

    // Waves close at four calls or after 100 ms of quiet; the status is asked for every 10 ms.
    private static readonly OpenAIBatchOptions Fast = new() { MaxWaveSize = 4, QuietInterval = TimeSpan.FromMilliseconds(100), PollInterval = TimeSpan.FromMilliseconds(10) };

    private static PatternRuntime Engine(ReferenceServer server, OpenAIBatchOptions? batch = null, TimeProvider? time = null)
    {
        var builder = new PatternEngineBuilder()
            .WithCatalog(Catalog)
            .AddBatchProviders(ReferenceProviders.File(server, maxAttempts: 1), batch ?? Fast, ReferenceProviders.Environment);
        if (time is not null)
        {
            builder.WithTimeProvider(time);
        }

        return builder.Build();
    }

    private static Task<RunRecord[]> AskAllAsync(PatternRuntime engine, IEnumerable<ReferenceQuestion> questions)
    {
        var pattern = engine.Compile(Support.Patterns.AskQuestion("ask"));
        return Task.WhenAll(questions.Select(q => RunAsync(pattern, q)));
    }

    private static async Task<RunRecord> RunAsync(PatternEngine.Compilation.CompiledPattern pattern, ReferenceQuestion question)
    {
        try
        {
            return await pattern.RunAsync(new Dictionary<string, string> { ["question"] = question.Text });
        }
        catch (PatternRunException e)
        {
            return e.Partial;
        }
    }

    [Fact]
    public async Task Calls_that_arrive_together_go_out_as_one_batch_and_each_gets_its_own_line_with_its_usage_at_the_batch_price()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("fake-model")], Questions = [.. Questions] });
        using var engine = Engine(server);

        var records = await AskAllAsync(engine, Questions);

        var batch = Assert.Single(server.Batches.Batches);
        Assert.Equal(4, batch.Total);
        Assert.Equal(Questions.Select(q => (bool?)true), records.Select((r, i) => server.Log.IsCorrect(r.Output.ToString()!, Questions[i])));
        var calls = records.SelectMany(r => r.AllCalls()).ToList();
        var (prompt, completion) = server.Log.BilledTokens();
        Assert.Equal(prompt, calls.Sum(c => c.InputTokens));
        Assert.Equal(completion, calls.Sum(c => c.OutputTokens));
        Assert.Equal((prompt * 1.00m + completion * 4.00m) / 1_000_000m, calls.Sum(c => c.CostUsd));
        Assert.DoesNotContain(server.Batches.Authorizations, a => a != "Bearer " + ReferenceProviders.Key);
        Assert.DoesNotContain(server.Batches.Calls, c => c.Contains(ReferenceProviders.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wave_closes_after_its_quiet_interval_when_it_is_not_full()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("fake-model")], Questions = [.. Questions] });
        // A second of quiet is far more than three calls started together take to arrive, even on a loaded machine.
        using var engine = Engine(server, Fast with { MaxWaveSize = 100, QuietInterval = TimeSpan.FromSeconds(1) });

        var records = await AskAllAsync(engine, Questions.Take(3));

        Assert.Equal(3, Assert.Single(server.Batches.Batches).Total);
        Assert.All(records.SelectMany(r => r.AllCalls()), c => Assert.Null(c.Error));
    }

    [Fact]
    public async Task Expired_and_failed_lines_fail_their_own_calls_with_a_classified_error_and_the_others_are_answered()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig
        {
            Models = [new ReferenceModel("fake-model")], Questions = [.. Questions], BatchFaults = _ => BatchFault.ExpireAfter(2),
        });
        using var engine = Engine(server);
        var router = engine.Router;

        var answers = await Task.WhenAll(Questions.Select(async q =>
        {
            try
            {
                return (Answer: (await router.GetResponseAsync([new ChatMessage(ChatRole.User, q.Text)])).Text, Error: (Exception?)null);
            }
            catch (ProviderCallException e)
            {
                return (Answer: "", Error: (Exception?)e);
            }
        }));

        Assert.Equal(2, answers.Count(a => a.Error is null));
        Assert.All(answers.Where(a => a.Error is not null), a =>
        {
            var failure = Assert.IsType<ProviderCallException>(a.Error);
            Assert.Equal(ProviderFailure.Timeout, failure.Failure);
            Assert.Contains("batch_expired", failure.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_batch_that_fails_validation_fails_every_call_in_it_as_rejected_with_the_providers_words()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig
        {
            Models = [new ReferenceModel("fake-model")], Questions = [.. Questions], BatchFaults = _ => BatchFault.FailValidation,
        });
        using var engine = Engine(server);

        var failure = await Assert.ThrowsAsync<ProviderCallException>(() => engine.Router.GetResponseAsync([new ChatMessage(ChatRole.User, Questions[0].Text)]));

        Assert.Equal(ProviderFailure.Rejected, failure.Failure);
        Assert.Contains("failed batch batch_0", failure.Message, StringComparison.Ordinal);
        Assert.Contains("validation", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ReferenceProviders.Key, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_still_in_progress_after_the_time_out_fails_its_calls_as_timed_out_on_the_injected_clock()
    {
        await using var server = await ReferenceServer.StartAsync(new ServerConfig { Models = [new ReferenceModel("fake-model")], Questions = [.. Questions] });
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var engine = Engine(server, Fast with { MaxWaveSize = 1, PollInterval = TimeSpan.FromMinutes(1), Timeout = TimeSpan.FromMinutes(1) }, time);

        var call = engine.Router.GetResponseAsync([new ChatMessage(ChatRole.User, Questions[0].Text)]);
        while (!server.Batches.Calls.Contains("POST /v1/batches"))
        {
            await Task.Delay(10);
        }

        // The first status request waits a poll interval; by then the minute is up and the batch is not done.
        await Task.Delay(200);
        time.Advance(TimeSpan.FromMinutes(1));
        var failure = await Assert.ThrowsAsync<ProviderCallException>(() => call);

        Assert.Equal(ProviderFailure.Timeout, failure.Failure);
        Assert.Contains("did not finish batch batch_0 within 1 minutes", failure.Message, StringComparison.Ordinal);
    }
}
