using Microsoft.Extensions.AI;
using PatternEngine.Models.Local;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Local;

// Concurrent calls decode together in one context. The contract: a call's answer, usage and finish
// reason are exactly those of the same call made alone, whatever shares its batch.
[Collection(LocalModelCollection.Name)]
public sealed class GgufBatchingTests(LocalModelFixture fixture)
{
    private static readonly ChatMessage[] Story = [new(ChatRole.User, "Once upon a time")];

    private readonly IChatClient client = fixture.Model.AsChatClient();

    [Fact]
    public async Task Five_concurrent_samples_decode_in_one_batch_and_equal_the_same_calls_made_one_after_another()
    {
        using var model = GgufModel.Load(fixture.Model.Path);
        var fresh = model.AsChatClient();
        var alone = new List<ChatResponse>();
        foreach (var seed in Enumerable.Range(1, 5))
        {
            alone.Add(await fresh.GetResponseAsync(Story, Sampled(seed)));
        }

        var together = await WhileBusy(fresh, () => Task.WhenAll(Enumerable.Range(1, 5).Select(seed => fresh.GetResponseAsync(Story, Sampled(seed)))));

        Assert.True(((GgufChatClient)fresh).Scheduler.LargestBatch >= 5);
        AssertSame(alone, together);
        Assert.True(together.Select(r => r.Text).Distinct().Count() > 1, "distinct seeds should give distinct samples");
    }

    [Fact]
    public async Task Greedy_calls_decoded_together_equal_a_greedy_call_alone_exactly()
    {
        var options = new ChatOptions { MaxOutputTokens = 48 };
        var alone = await client.GetResponseAsync(Story, options);

        var together = Run(Enumerable.Range(0, 5).Select(_ => (Story, options)).ToArray());

        Assert.All(together, result => Assert.Equal(alone.Text, result.Text));
        Assert.All(together, result => Assert.Equal(alone.Usage!.OutputTokenCount, result.OutputTokens));
    }

    [Fact]
    public void Usage_of_each_call_in_a_batch_is_the_prompt_as_fed_and_the_tokens_it_generated()
    {
        var results = Run([.. Enumerable.Range(1, 5).Select(seed => (Story, Sampled(seed, maxTokens: 40)))]);

        var prompt = GgufPromptFormat.Format(Story);
        Assert.All(results, result =>
        {
            // The shared prompt counts fully for each call: it is what each call sent.
            Assert.Equal(fixture.Model.CountTokens(prompt), result.InputTokens);
            Assert.Equal(fixture.Model.CountTokens(prompt + result.Text) - result.InputTokens, result.OutputTokens);
            Assert.Equal(result.OutputTokens == 40 ? ChatFinishReason.Length : ChatFinishReason.Stop, result.FinishReason);
        });
    }

    [Fact]
    public async Task Different_prompts_limits_and_stop_sequences_in_one_batch_each_give_their_answer_alone()
    {
        (ChatMessage[] Messages, ChatOptions Options)[] calls =
        [
            (Story, Sampled(1)),
            ([new(ChatRole.User, "The cat")], Sampled(2, maxTokens: 9)),
            (Story, Sampled(3, maxTokens: 30)),
            ([new(ChatRole.System, "A short story."), new(ChatRole.User, "Lily and Ben")], new ChatOptions { MaxOutputTokens = 64 }),
            ([new(ChatRole.User, string.Concat(Enumerable.Repeat("The dog ran to the park. ", 12)))], Sampled(5, maxTokens: 20)),
            (Story, new ChatOptions { MaxOutputTokens = 40, StopSequences = ["girl named Lily"] }),
            ([new(ChatRole.User, "One day")], Sampled(7, maxTokens: 1)),
        ];
        var alone = new List<ChatResponse>();
        foreach (var (messages, options) in calls)
        {
            alone.Add(await client.GetResponseAsync(messages, options));
        }

        var together = Run(calls);

        AssertSame(alone, together);
        Assert.Equal(ChatFinishReason.Stop, together[5].FinishReason);
    }

    [Fact]
    public async Task Calls_that_join_a_running_batch_between_steps_give_their_answer_alone()
    {
        (ChatMessage[] Messages, ChatOptions Options)[] calls =
        [
            (Story, Sampled(1)),
            (Story, Sampled(2, maxTokens: 20)),
            (Story, Sampled(3)),
            ([new(ChatRole.User, "The cat")], Sampled(4)),
            (Story, Sampled(5, maxTokens: 30)),
        ];
        var alone = new List<ChatResponse>();
        foreach (var (messages, options) in calls)
        {
            alone.Add(await client.GetResponseAsync(messages, options));
        }

        // Two calls start; the others join after 5 and 25 steps, into slots the ended ones may free.
        var requests = calls.Select(call => Request(call.Messages, call.Options)).ToList();
        var asked = 0;
        try
        {
            var together = GgufBatchGeneration.Run(fixture.Model, requests[..2], (free, fits) => ++asked switch
            {
                5 => [requests[2], requests[3]],
                25 => [.. requests[4..].Where(fits).Take(free)],
                _ => [],
            });

            Assert.True(asked > 25);
            Assert.Equal(4, together);
            AssertSame(alone, [.. await Task.WhenAll(requests.Select(r => r.Completion))]);
        }
        finally
        {
            requests.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task A_call_cancelled_mid_batch_ends_alone_and_the_others_finish_as_if_it_had_not_been_there()
    {
        var alone = new List<ChatResponse>();
        foreach (var seed in Enumerable.Range(1, 4))
        {
            alone.Add(await client.GetResponseAsync(Story, Sampled(seed)));
        }

        // The third call's caller gives up when it sees its first text.
        using var stop = new CancellationTokenSource();
        var requests = Enumerable.Range(1, 5).Select(seed => seed == 3
                ? Request(Story, Sampled(seed), onText: _ => stop.Cancel(), cancellationToken: stop.Token)
                : Request(Story, Sampled(seed < 3 ? seed : seed - 1)))
            .ToList();
        try
        {
            GgufBatchGeneration.Run(fixture.Model, requests);

            Assert.True(requests[2].Completion.IsCanceled);
            var finished = (await Task.WhenAll(requests.Where((_, i) => i != 2).Select(r => r.Completion))).ToList();
            AssertSame(alone, finished);
        }
        finally
        {
            requests.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task A_failure_fails_only_the_call_it_concerns()
    {
        using var small = GgufModel.Load(fixture.Model.Path, new GgufModelOptions { ContextSize = 64 });
        ChatMessage[] tooLong = [new(ChatRole.User, string.Concat(Enumerable.Repeat("The cat sat on the mat. ", 60)))];
        var alone = await small.AsChatClient().GetResponseAsync(Story, Sampled(1));
        var requests = new[]
        {
            Request(Story, Sampled(1), model: small),
            Request(tooLong, Sampled(2), model: small),
            Request(Story, Sampled(1), onText: _ => throw new InvalidCastException("the caller's callback failed"), model: small),
        };
        try
        {
            GgufBatchGeneration.Run(small, requests);

            Assert.Equal(alone.Text, (await requests[0].Completion).Text);
            await Assert.ThrowsAsync<InvalidOperationException>(() => requests[1].Completion);
            await Assert.ThrowsAsync<InvalidCastException>(() => requests[2].Completion);
        }
        finally
        {
            Array.ForEach(requests, r => r.Dispose());
        }
    }

    [Fact]
    public async Task More_calls_than_a_batch_holds_all_finish_in_several_batches()
    {
        using var model = GgufModel.Load(fixture.Model.Path);
        var parallel = model.AsChatClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, GgufBatchScheduler.MaxBatchSize + 6)
            .Select(seed => parallel.GetResponseAsync(Story, Sampled(seed, maxTokens: 3))));

        Assert.All(responses, response => Assert.Equal(3, response.Usage!.OutputTokenCount));
        Assert.InRange(((GgufChatClient)parallel).Scheduler.LargestBatch, 1, GgufBatchScheduler.MaxBatchSize);
    }

    [Fact]
    public async Task Streaming_calls_decode_in_batches_too_and_stream_the_text_they_would_alone()
    {
        var alone = await client.GetResponseAsync(Story, Sampled(4));

        var streamed = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            var text = string.Empty;
            await foreach (var update in client.GetStreamingResponseAsync(Story, Sampled(4)))
            {
                text += update.Text;
            }

            return text;
        }));

        Assert.All(streamed, text => Assert.Equal(alone.Text, text));
    }

    private static ChatOptions Sampled(long seed, int maxTokens = 64) =>
        new() { Temperature = 0.8f, Seed = seed, MaxOutputTokens = maxTokens };

    // Keeps the client's only worker decoding a long call while `calls` start, so that they all wait
    // and then go into one batch together, however the machine schedules the threads.
    private static async Task<T> WhileBusy<T>(IChatClient busy, Func<Task<T>> calls)
    {
        var blocker = busy.GetResponseAsync(Story, new ChatOptions { MaxOutputTokens = 300 });
        await Task.Delay(50);
        var result = await calls();
        await blocker;
        return result;
    }

    private static void AssertSame(IReadOnlyList<ChatResponse> alone, IReadOnlyList<ChatResponse> together) =>
        AssertSame(alone, [.. together.Select(r => new GgufGenerationResult(r.Text, (int)r.Usage!.InputTokenCount!, (int)r.Usage.OutputTokenCount!, r.FinishReason!.Value))]);

    private static void AssertSame(IReadOnlyList<ChatResponse> alone, List<GgufGenerationResult> together)
    {
        Assert.Equal(alone.Count, together.Count);
        for (var i = 0; i < alone.Count; i++)
        {
            Assert.Equal(alone[i].Text, together[i].Text);
            Assert.Equal(alone[i].Usage!.InputTokenCount, together[i].InputTokens);
            Assert.Equal(alone[i].Usage!.OutputTokenCount, together[i].OutputTokens);
            Assert.Equal(alone[i].FinishReason, together[i].FinishReason);
        }
    }

    // Decodes the calls as one batch, bypassing the scheduler, so the batch is exactly these calls.
    private List<GgufGenerationResult> Run((ChatMessage[] Messages, ChatOptions Options)[] calls)
    {
        var requests = calls.Select(call => Request(call.Messages, call.Options)).ToList();
        try
        {
            GgufBatchGeneration.Run(fixture.Model, requests);
            return [.. requests.Select(r => r.Completion.Result)];
        }
        finally
        {
            requests.ForEach(r => r.Dispose());
        }
    }

    private GgufRequest Request(
        ChatMessage[] messages,
        ChatOptions options,
        Action<string>? onText = null,
        GgufModel? model = null,
        CancellationToken cancellationToken = default)
    {
        model ??= fixture.Model;
        var prompt = model.Tokenize(GgufPromptFormat.Format(messages));
        return new GgufRequest(prompt, GgufGenerationSettings.From(options, model.Options.DefaultMaxOutputTokens), onText, cancellationToken);
    }
}
