using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PatternEngine.Models.Catalog;
using PatternEngine.Tests.Support;

namespace PatternEngine.Tests.Engine;

public sealed class PatternEngineServiceCollectionExtensionsTests
{
    [Fact]
    public async Task The_container_s_chat_client_and_clock_serve_an_engine_given_no_route()
    {
        var model = new ScriptedChatClient(_ => "Paris") { ModelId = "gpt-4.1-mini" };
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider())
            .AddSingleton<IChatClient>(model)
            .AddPatternEngine(engine => engine.WithCatalog(ModelCatalog.BuiltIn));
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<PatternRuntime>();
        var record = await engine.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>());

        Assert.Same(engine, provider.GetRequiredService<PatternRuntime>());
        Assert.Single(model.Requests);
        var call = Assert.Single(record.Stages[0].CallRecords);
        Assert.Equal(0, call.LatencyMs); // the fake clock never moved
        Assert.NotNull(call.CostUsd);
    }

    [Fact]
    public async Task Routes_given_in_configuration_win_over_the_container_s_client_and_the_container_disposes_the_engine()
    {
        var registered = new ScriptedChatClient(_ => "registered");
        var configured = new ScriptedChatClient(_ => "configured");
        var services = new ServiceCollection().AddSingleton<IChatClient>(registered).AddPatternEngine((_, engine) => engine.UseChatClient(configured));
        PatternRuntime engine;
        await using (var provider = services.BuildServiceProvider())
        {
            engine = provider.GetRequiredService<PatternRuntime>();
            Assert.Equal("configured", (await engine.Compile(Patterns.OneCall()).RunAsync(new Dictionary<string, string>())).Output.Text);
        }

        Assert.Empty(registered.Requests);
        Assert.Throws<ObjectDisposedException>(() => engine.Compile(Patterns.OneCall()));
    }
}
