using Microsoft.Extensions.AI;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Local;
using PatternEngine.Models.Routing;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Models.Local;

public sealed class EmbeddedModelRoutesTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.Parse("""
        prices_as_of: x
        models:
          - { id: tiny-short, provider: local, input_per_million: 0, output_per_million: 0, settings: { max_tokens: 4, temperature: 0 } }
          - { id: tiny-long, provider: local, input_per_million: 0, output_per_million: 0, settings: { max_tokens: 64 } }
          - { id: gpt-4.1-mini, provider: openai, input_per_million: 0.4, output_per_million: 1.6 }
        """);

    [Fact]
    public async Task Each_local_entry_is_a_route_that_applies_its_settings_and_names_itself_as_the_model()
    {
        var model = new ScriptedChatClient(_ => "once upon a time") { ModelId = "tiny" };
        using var engine = new PatternEngineBuilder().WithCatalog(Catalog).AddEmbeddedModel(model).Build();
        var router = engine.Router;

        var response = await router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "tiny-short", MaxOutputTokens = 256, Temperature = 0.8f });
        await router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ModelId = "tiny-long", Temperature = 0.8f });
        var plain = await router.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 256 });

        var requests = model.Requests.ToArray();
        Assert.Equal((4, 0f), (requests[0].Options!.MaxOutputTokens, requests[0].Options!.Temperature));
        Assert.Equal((64, 0.8f), (requests[1].Options!.MaxOutputTokens, requests[1].Options!.Temperature));
        Assert.Equal(256, requests[2].Options!.MaxOutputTokens);
        Assert.Equal("tiny-short", response.ModelId);
        Assert.Equal("tiny", plain.ModelId);
    }

    [Fact]
    public void Entries_of_other_providers_get_no_route_on_the_embedded_model()
    {
        var embedded = new ScriptedChatClient(_ => "x");
        using var engine = new PatternEngineBuilder().WithCatalog(Catalog).AddEmbeddedModel(embedded).Build();
        var router = engine.Router;

        Assert.Same(router.Resolve(ModelRouter.DefaultRoute), router.Resolve("gpt-4.1-mini"));
        Assert.NotSame(router.Resolve(ModelRouter.DefaultRoute), router.Resolve("tiny-short"));
    }
}
