using Microsoft.Extensions.AI;
using PatternEngine.Models.Local;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Local;

[Collection(LocalModelCollection.Name)]
public sealed class GgufChatClientTests(LocalModelFixture fixture)
{
    private static readonly ChatMessage[] Story =
    [
        new(ChatRole.System, "A short story for children."),
        new(ChatRole.User, "Once upon a time"),
    ];

    private readonly IChatClient client = fixture.Model.AsChatClient();

    [Fact]
    public async Task Usage_counts_equal_the_tokenizer_count_of_the_prompt_and_the_generated_tokens()
    {
        var response = await client.GetResponseAsync(Story, new ChatOptions { MaxOutputTokens = 40 });

        var prompt = GgufPromptFormat.Format(Story);
        var usage = response.Usage!;
        Assert.Equal(fixture.Model.CountTokens(prompt), usage.InputTokenCount);

        // Retokenizing prompt and output together gives back the tokens fed and generated (the
        // output alone would not: the tokenizer adds a leading-space token to a fresh text).
        Assert.Equal(fixture.Model.CountTokens(prompt + response.Text) - usage.InputTokenCount, usage.OutputTokenCount);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public void Token_counts_include_the_BOS_token_the_model_is_fed()
    {
        Assert.Equal(1, fixture.Model.CountTokens(string.Empty));
        Assert.Equal(5, fixture.Model.CountTokens("Once upon a time"));
    }

    [Fact]
    public async Task MaxOutputTokens_is_honoured_and_reported_as_length()
    {
        var response = await client.GetResponseAsync(Story, new ChatOptions { MaxOutputTokens = 7 });

        Assert.Equal(7, response.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("stories260K", response.ModelId);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_text_and_other_seeds_usually_other_texts()
    {
        var first = await Sample(seed: 1);
        var again = await Sample(seed: 1);
        var others = new[] { await Sample(seed: 2), await Sample(seed: 3), await Sample(seed: 4) };

        Assert.Equal(first, again);
        Assert.Contains(others, text => text != first);

        async Task<string> Sample(long seed) =>
            (await client.GetResponseAsync(Story, new ChatOptions { Temperature = 0.9f, Seed = seed, MaxOutputTokens = 32 })).Text;
    }

    [Fact]
    public async Task Without_a_temperature_decoding_is_greedy_and_ignores_the_seed()
    {
        var first = await client.GetResponseAsync(Story, new ChatOptions { Seed = 1, MaxOutputTokens = 32 });
        var second = await client.GetResponseAsync(Story, new ChatOptions { Seed = 2, Temperature = 0, MaxOutputTokens = 32 });

        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Concurrent_calls_give_the_same_texts_as_the_same_calls_made_one_after_another()
    {
        using var model = GgufModel.Load(fixture.Model.Path, new GgufModelOptions { MaxConcurrency = 4 });
        var parallel = model.AsChatClient();
        string[] prompts = ["Once upon a time", "The cat", "Lily and Ben", "One day, a little girl"];

        var oneByOne = new List<string>();
        foreach (var (prompt, seed) in prompts.Select((p, i) => (p, i)))
        {
            oneByOne.Add(await Call(prompt, seed));
        }

        var together = await Task.WhenAll(prompts.Select((prompt, seed) => Call(prompt, seed)));

        Assert.Equal(oneByOne, together);

        async Task<string> Call(string prompt, int seed) =>
            (await parallel.GetResponseAsync(
                [new ChatMessage(ChatRole.User, prompt)],
                new ChatOptions { Temperature = 0.8f, Seed = seed, MaxOutputTokens = 48 })).Text;
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_usage_and_finish_reason_as_a_single_response()
    {
        var options = new ChatOptions { Temperature = 0.7f, Seed = 5, MaxOutputTokens = 30 };
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Story, options))
        {
            updates.Add(update);
        }

        var whole = await client.GetResponseAsync(Story, options);
        var streamed = updates.ToChatResponse();

        Assert.Equal(whole.Text, streamed.Text);
        Assert.Equal(whole.FinishReason, streamed.FinishReason);
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(whole.Usage!.InputTokenCount, usage.InputTokenCount);
        Assert.Equal(whole.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(whole.Usage.TotalTokenCount, usage.TotalTokenCount);
        Assert.Single(streamed.Messages);
    }

    [Fact]
    public async Task A_stop_sequence_ends_the_text_before_it_in_both_modes()
    {
        // A stop sequence that spans several tokens, so streaming must hold text back.
        const string Stop = "girl named Lily";
        var unstopped = await client.GetResponseAsync(Story, new ChatOptions { MaxOutputTokens = 40 });
        var options = new ChatOptions { MaxOutputTokens = 40, StopSequences = [Stop] };

        var whole = await client.GetResponseAsync(Story, options);
        var streamed = string.Empty;
        await foreach (var update in client.GetStreamingResponseAsync(Story, options))
        {
            streamed += update.Text;
        }

        var stopAt = unstopped.Text.IndexOf(Stop, StringComparison.Ordinal);
        Assert.True(stopAt > 0, unstopped.Text);
        Assert.Equal(unstopped.Text[..stopAt], whole.Text);
        Assert.Equal(ChatFinishReason.Stop, whole.FinishReason);
        Assert.Equal(whole.Text, streamed);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_batch_is_decoded_in_chunks_and_one_longer_than_the_context_is_refused()
    {
        // llama.cpp pads a 64-token context to 256 tokens, but the batch stays at 64.
        using var small = GgufModel.Load(fixture.Model.Path, new GgufModelOptions { ContextSize = 64 });
        ChatMessage[] longer = [new(ChatRole.User, string.Concat(Enumerable.Repeat("The cat sat on the mat. ", 20)))];
        ChatMessage[] tooLong = [new(ChatRole.User, string.Concat(Enumerable.Repeat("The cat sat on the mat. ", 60)))];
        var options = new ChatOptions { MaxOutputTokens = 8 };

        var chunked = await small.AsChatClient().GetResponseAsync(longer, options);
        var whole = await client.GetResponseAsync(longer, options);

        Assert.True(chunked.Usage!.InputTokenCount > 64);
        Assert.Equal(whole.Text, chunked.Text);
        await Assert.ThrowsAsync<InvalidOperationException>(() => small.AsChatClient().GetResponseAsync(tooLong, options));
    }

    [Fact]
    public async Task Instructions_come_first_in_the_prompt()
    {
        ChatMessage[] user = [new(ChatRole.User, "Once upon a time")];

        var response = await client.GetResponseAsync(
            user, new ChatOptions { Instructions = "A short story for children.", MaxOutputTokens = 1 });

        Assert.Equal(fixture.Model.CountTokens(GgufPromptFormat.Format(Story)), response.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceledException()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetResponseAsync(Story, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void GetService_gives_the_metadata_Semantic_Kernel_requires()
    {
        var metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));

        Assert.Equal("llamasharp", metadata.ProviderName);
        Assert.Equal("stories260K", metadata.DefaultModelId);
        Assert.Same(client, client.GetService(typeof(GgufChatClient)));
        Assert.Same(fixture.Model, client.GetService(typeof(GgufModel)));
        Assert.Null(client.GetService(typeof(string)));
    }
}
