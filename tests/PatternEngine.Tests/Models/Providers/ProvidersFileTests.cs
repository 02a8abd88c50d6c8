using PatternEngine.Models.Providers;

namespace PatternEngine.Tests.Models.Providers;

public sealed class ProvidersFileTests
{
    private const string Valid = """
        providers:
          openai:
            endpoint: https://api.openai.com/v1
            api_key_env: OPENAI_API_KEY
            organization: org-123
            default_model: gpt-4.1-mini
            timeout_seconds: 20
            max_concurrency: 4
            retries: { max_attempts: 5, base_delay_ms: 200, max_delay_ms: 10000 }
          local:
            endpoint: http://127.0.0.1:8080/v1
            function_calling: false
        models:
          default: { provider: openai, model: gpt-4.1-mini, fallback: cheap }
          cheap: { provider: local, model: qwen2.5-7b }
          judge: { provider: openai, model: o3, structured_output: false }
        """;

    [Fact]
    public void A_valid_file_maps_names_to_providers_with_their_settings()
    {
        var file = ProvidersFile.Parse(Valid, "providers.yaml");

        var openai = file.Providers["openai"];
        Assert.Equal(new Uri("https://api.openai.com/v1"), openai.Endpoint);
        Assert.Equal(("OPENAI_API_KEY", "org-123", 4), (openai.ApiKeyEnv, openai.Organization, openai.MaxConcurrency));
        Assert.Equal(TimeSpan.FromSeconds(20), openai.Resilience.Timeout);
        Assert.Equal((5, TimeSpan.FromMilliseconds(200)), (openai.Resilience.MaxAttempts, openai.Resilience.BaseDelay));
        Assert.False(file.Providers["local"].FunctionCalling);
        Assert.Null(file.Providers["local"].ApiKeyEnv);
        Assert.Equal(("openai", "gpt-4.1-mini", "cheap"), (file.Models["default"].Provider, file.Models["default"].Model, file.Models["default"].Fallback));
        Assert.False(file.Models["judge"].StructuredOutput);
    }

    [Fact]
    public void The_router_gives_each_route_its_model_its_settings_and_one_pipeline_per_endpoint()
    {
        using var providers = ProviderRouter.Create(ProvidersFile.Parse(Valid), _ => "sk-anything");

        var (main, cheap, judge) = (providers.Router.Resolve("default"), providers.Router.Resolve("cheap"), providers.Router.Resolve("judge"));
        Assert.Equal(("gpt-4.1-mini", "qwen2.5-7b", "o3"), (main.ModelId, cheap.ModelId, judge.ModelId));
        Assert.True(main.FunctionCalling);
        Assert.False(cheap.FunctionCalling);
        Assert.False(judge.StructuredOutput);
        Assert.Equal("cheap", main.Fallback);
        Assert.Same(main.Resilience, judge.Resilience); // one circuit breaker per endpoint
        Assert.NotSame(main.Resilience, cheap.Resilience);
        Assert.Same(main.Client, judge.Client); // one concurrency limit per endpoint
    }

    [Fact]
    public void A_missing_API_key_names_the_variable_and_where_it_is_configured()
    {
        var error = Assert.Throws<ProvidersFileException>(() => ProviderRouter.Create(ProvidersFile.Parse(Valid, "providers.yaml"), _ => null));

        Assert.Equal(
            "providers.yaml:2:3: provider 'openai' reads its API key from the environment variable OPENAI_API_KEY, which is not set",
            Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void Invalid_settings_name_where_and_what()
    {
        const string yaml = """
            providers:
              openai:
                endpoint: api.openai.com
                api_key_env: sk-abc123
                retries: { max_attempts: 0 }
                colour: red
            """;

        var error = Assert.Throws<ProvidersFileException>(() => ProvidersFile.Parse(yaml, "p.yaml"));

        var lines = error.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith("p.yaml:3:15: ", StringComparison.Ordinal) && l.Contains("http:// or https://", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("p.yaml:4:18: ", StringComparison.Ordinal) && l.Contains("never hold the key itself", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("p.yaml:5:30: ", StringComparison.Ordinal) && l.Contains("the minimum is 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("unknown field 'colour'", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("sk-abc123", StringComparison.Ordinal)); // what looks like a key is never repeated
    }

    [Fact]
    public void Models_must_name_a_listed_provider_and_fallback()
    {
        const string yaml = """
            providers:
              openai: { endpoint: "https://api.openai.com/v1" }
            models:
              default: { provider: opneai, model: gpt-4.1 }
              judge: { provider: openai, model: o3, fallback: judge }
              other: { provider: openai, model: o3, fallback: nowhere }
            """;

        var error = Assert.Throws<ProvidersFileException>(() => ProvidersFile.Parse(yaml, "p.yaml"));

        Assert.Equal(
            [
                "p.yaml:4:24: model 'default' names provider 'opneai', which is not under providers; use one of openai",
                "p.yaml:5:51: model 'judge' cannot be its own fallback",
                "p.yaml:6:51: model 'other' falls back to 'nowhere', which is not under models",
            ],
            error.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Choosing_a_provider_makes_it_serve_the_default_route()
    {
        var file = ProvidersFile.Parse(Valid, "providers.yaml");

        Assert.Equal(("local", "llama3"), (file.WithDefault("local", "llama3").Models["default"].Provider, file.WithDefault("local", "llama3").Models["default"].Model));
        Assert.Equal("gpt-4.1-mini", file.WithDefault("openai").Models["default"].Model);
        Assert.Contains("'local' has no default_model; give --model ID", Assert.Throws<ProvidersFileException>(() => file.WithDefault("local")).Message, StringComparison.Ordinal);
        Assert.Contains("--provider names 'azure', which the file does not list; it lists: local, openai", Assert.Throws<ProvidersFileException>(() => file.WithDefault("azure")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_default_route_cannot_serve_stages_that_name_no_model()
    {
        var file = ProvidersFile.Parse("providers:\n  p: { endpoint: 'http://localhost:1/v1' }\n", "p.yaml");

        var error = Assert.Throws<ProvidersFileException>(() => ProviderRouter.Create(file, _ => null));

        Assert.Equal("p.yaml:1:1: no model serves 'default': add models.default to the file, or choose one with --provider NAME", Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void A_plan_s_models_each_get_a_route_through_the_route_that_asks_for_them_else_the_default_s_provider()
    {
        var file = ProvidersFile.Parse(Valid, "providers.yaml").WithRoutesFor(["qwen2.5-7b", "gpt-4.1-nano", "o3"]);

        Assert.Equal(("local", "qwen2.5-7b"), (file.Models["qwen2.5-7b"].Provider, file.Models["qwen2.5-7b"].Model));
        Assert.Equal(("openai", "gpt-4.1-nano", (string?)null), (file.Models["gpt-4.1-nano"].Provider, file.Models["gpt-4.1-nano"].Model, file.Models["gpt-4.1-nano"].Fallback));
        Assert.False(file.Models["o3"].StructuredOutput); // a copy of the judge route, overrides and all
        Assert.Equal("cheap", file.Models["default"].Fallback);
    }

    [Fact]
    public void A_route_named_after_a_planned_model_but_asking_for_another_is_refused()
    {
        var file = ProvidersFile.Parse(Valid.Replace("judge: { provider: openai, model: o3", "o3: { provider: openai, model: o4-mini", StringComparison.Ordinal), "providers.yaml");

        var error = Assert.Throws<ProvidersFileException>(() => file.WithRoutesFor(["o3"]));

        Assert.Contains("the route named 'o3' asks for 'o4-mini'; rename the route", Assert.Single(error.Diagnostics).ToString(), StringComparison.Ordinal);
    }
}
