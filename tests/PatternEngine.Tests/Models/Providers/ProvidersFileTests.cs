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
    public void The_routes_get_each_its_model_its_settings_and_one_pipeline_per_endpoint()
    {
        using var providers = new PatternEngineBuilder().AddProviders(ProvidersFile.Parse(Valid), _ => "sk-anything").Build();

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
        var error = Assert.Throws<ProvidersFileException>(() => new PatternEngineBuilder().AddProviders(ProvidersFile.Parse(Valid, "providers.yaml"), _ => null).Build());

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

        var error = Assert.Throws<ProvidersFileException>(() => new PatternEngineBuilder().AddProviders(file, _ => null));

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

    // Issue 11, 12: each of these exited 1 without a location.
    [Theory]
    [InlineData("endpoint: \"http://\"", 2, 18, "provider 'p' has an endpoint that is not a usable URL; write a base URL such as https://api.openai.com/v1")]
    [InlineData("endpoint: \"http://127.0.0.1:1/v1\", max_concurrency: 99999999999", 2, 60, "'providers.p.max_concurrency' 99999999999 is out of range; the maximum is 10000")]
    [InlineData("endpoint: \"http://127.0.0.1:1/v1\", circuit_breaker: { break_seconds: 1e300 }", 2, 77, "'providers.p.circuit_breaker.break_seconds' 1E+300 is out of range; the maximum is 86400")]
    [InlineData("endpoint: \"http://127.0.0.1:1/v1\", retries: { base_delay_ms: 999999999 }", 2, 69, "'providers.p.retries.base_delay_ms' 999999999 is out of range; the maximum is 86400000")]
    [InlineData("endpoint: \"http://127.0.0.1:1/v1\", timeout_seconds: 0.001", 2, 60, "'providers.p.timeout_seconds' 0.001 is out of range; the minimum is 0.01")]
    public void Figures_and_urls_out_of_range_are_refused_with_their_location(string provider, int line, int column, string message)
    {
        var error = Assert.Throws<ProvidersFileException>(() => ProvidersFile.Parse($"providers:\n  p: {{ {provider} }}\n", "p.yaml"));

        Assert.Equal($"p.yaml:{line}:{column}: {message}", Assert.Single(error.Diagnostics).ToString());
    }

    [Fact]
    public void The_largest_figures_the_file_allows_are_ones_polly_accepts()
    {
        const string yaml = """
            providers:
              p:
                endpoint: http://127.0.0.1:1/v1
                timeout_seconds: 3600
                max_concurrency: 10000
                retries: { max_attempts: 20, base_delay_ms: 86400000, max_delay_ms: 86400000 }
                circuit_breaker: { failure_ratio: 1, minimum_throughput: 1000000, sampling_seconds: 86400, break_seconds: 86400 }
            models:
              default: { provider: p, model: m }
            """;

        using var providers = new PatternEngineBuilder().AddProviders(ProvidersFile.Parse(yaml, "p.yaml")).Build();

        Assert.NotNull(providers.Router.Resolve("default").Resilience);
    }

    [Theory]
    [InlineData("sk_live_51HqLyjWDarjtT1zdp7dc")]
    [InlineData("sk-proj-abcdefghijklmnop")]
    [InlineData("AbCdEf1234567890XyZ")]
    [InlineData("a1b2c3d4e5f6a7b8c9d0e1f2")]
    public void A_key_pasted_as_the_variable_name_is_refused_and_never_shown(string key)
    {
        var error = Assert.Throws<ProvidersFileException>(() => ProvidersFile.Parse($"providers:\n  p: {{ endpoint: https://api.example.com/v1, api_key_env: {key} }}\n", "p.yaml"));

        var line = Assert.Single(error.Diagnostics).ToString();
        Assert.StartsWith("p.yaml:2:59: 'api_key_env' ", line, StringComparison.Ordinal);
        Assert.Contains("value is not shown", line, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("AZURE_OPENAI_API_KEY_2")]
    [InlineData("MY_SERVICE_KEY_FOR_STAGING_ENVIRONMENT")]
    public void Ordinary_variable_names_are_taken(string name) =>
        Assert.Equal(name, ProvidersFile.Parse($"providers:\n  p: {{ endpoint: https://api.example.com/v1, api_key_env: {name} }}\n").Providers["p"].ApiKeyEnv);

    [Fact]
    public void A_key_sent_over_plain_http_to_another_host_is_refused()
    {
        var error = Assert.Throws<ProvidersFileException>(() => ProvidersFile.Parse("providers:\n  p: { endpoint: http://10.0.0.5:8080/v1, api_key_env: KEY }\n", "p.yaml"));

        Assert.Equal(
            "p.yaml:2:18: provider 'p' would send its API key over plain http to 10.0.0.5, where anyone on the way can read it; use https, or set allow_insecure_http: true if the network is yours",
            Assert.Single(error.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("endpoint: http://10.0.0.5:8080/v1, api_key_env: KEY, allow_insecure_http: true")]
    [InlineData("endpoint: http://127.0.0.1:8080/v1, api_key_env: KEY")]
    [InlineData("endpoint: http://localhost:8080/v1, api_key_env: KEY")]
    [InlineData("endpoint: http://10.0.0.5:8080/v1")]
    [InlineData("endpoint: https://10.0.0.5:8080/v1, api_key_env: KEY")]
    public void Plain_http_is_taken_for_this_machine_without_a_key_or_when_allowed(string provider) =>
        Assert.Single(ProvidersFile.Parse($"providers:\n  p: {{ {provider} }}\n").Providers);

    [Fact]
    public void Flags_are_held_to_the_same_rules()
    {
        Assert.Contains("--api-key-env looks like an API key", Assert.Throws<ProvidersFileException>(() => ProvidersFile.ForEndpoint(new Uri("https://api.example.com/v1"), "m", "sk-proj-abcdefghijklmnop")).Message, StringComparison.Ordinal);
        Assert.Contains("over plain http to 10.0.0.5", Assert.Throws<ProvidersFileException>(() => ProvidersFile.ForEndpoint(new Uri("http://10.0.0.5/v1"), "m", "KEY")).Message, StringComparison.Ordinal);
    }
}
