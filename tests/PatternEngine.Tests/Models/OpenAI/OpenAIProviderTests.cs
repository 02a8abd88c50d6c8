using Microsoft.Extensions.AI;
using PatternEngine.Tests.Support.Reference;

namespace PatternEngine.Tests.Models.OpenAI;

public sealed class OpenAIProviderTests
{
    [Fact]
    public async Task A_call_reaches_the_endpoint_with_the_model_id_and_key_and_reports_the_providers_usage()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("Paris", promptTokens: 120, completionTokens: 30, cachedTokens: 64, reasoningTokens: 12));
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server));

        var response = await providers.Router.GetResponseAsync([new ChatMessage(ChatRole.User, "Capital of France?")]);

        Assert.Equal("Paris", response.Text);
        Assert.Equal("fake-model", Assert.Single(server.Requests).Model);
        Assert.Equal("Bearer " + ReferenceProviders.Key, server.Requests.Single().Authorization);
        Assert.Equal(120, response.Usage?.InputTokenCount);
        Assert.Equal(30, response.Usage?.OutputTokenCount);
        Assert.Equal(64, response.Usage?.CachedInputTokenCount);
        Assert.Equal(12, response.Usage?.ReasoningTokenCount);
    }

    [Fact]
    public async Task A_streamed_call_arrives_in_pieces_and_ends_with_the_usage_chunk()
    {
        await using var server = await ReferenceServer.StartAsync(_ => ServerReply.Text("one two three", promptTokens: 7, completionTokens: 3));
        using var providers = ReferenceProviders.Engine(ReferenceProviders.File(server));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in providers.Router.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Count.")]))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.True(server.Requests.Single().Stream);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3);
        Assert.Equal("one two three", response.Text);
        Assert.Equal(7, response.Usage?.InputTokenCount);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
    }
}
