using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Recording;

/// <summary>
/// A request in canonical form: where it goes (provider, route, model), the settings that change the answer, and
/// the messages (role, text, function calls and results). Its key is the SHA-256 of that form, so equal requests
/// have equal keys. Nothing else of the options is kept: headers, credentials and raw provider objects never are.
/// </summary>
internal sealed record CassetteRequest(string Key, JsonObject Readable)
{
    /// <summary>Where a call goes: the provider, the logical route and the model the route resolves to.</summary>
    public sealed record Target(string? Provider, string Route, string Model);

    public static CassetteRequest Of(IEnumerable<ChatMessage> messages, ChatOptions? options, Target target)
    {
        var request = new JsonObject
        {
            ["provider"] = target.Provider,
            ["route"] = target.Route,
            ["model"] = target.Model,
            ["settings"] = Settings(options),
            ["messages"] = new JsonArray([.. messages.Select(Message)]),
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(request.ToJsonString(CassetteJson.OneLine)));
        return new CassetteRequest(Convert.ToHexStringLower(hash), request);
    }

    private static JsonObject Settings(ChatOptions? options)
    {
        var settings = new JsonObject();
        if (options is null)
        {
            return settings;
        }

        Add(settings, "instructions", options.Instructions);
        Add(settings, "temperature", options.Temperature);
        Add(settings, "top_p", options.TopP);
        Add(settings, "top_k", options.TopK);
        Add(settings, "max_output_tokens", options.MaxOutputTokens);
        Add(settings, "seed", options.Seed);
        Add(settings, "frequency_penalty", options.FrequencyPenalty);
        Add(settings, "presence_penalty", options.PresencePenalty);
        if (options.StopSequences is { Count: > 0 } stop)
        {
            settings["stop"] = new JsonArray([.. stop.Select(s => (JsonNode?)s)]);
        }

        Add(settings, "response_format", options.ResponseFormat switch
        {
            null => null,
            ChatResponseFormatJson json => new JsonObject
            {
                ["type"] = "json",
                ["schema_name"] = json.SchemaName,
                ["schema"] = json.Schema is { } schema ? JsonNode.Parse(schema.GetRawText()) : null,
            },
            _ => new JsonObject { ["type"] = "text" },
        });
        if (options.Tools is { Count: > 0 } tools)
        {
            settings["tool_mode"] = ToolMode(options.ToolMode);
            settings["tools"] = new JsonArray([.. tools.Select(Tool)]);
        }

        return settings;
    }

    private static void Add(JsonObject settings, string name, JsonNode? value)
    {
        if (value is not null)
        {
            settings[name] = value;
        }
    }

    private static string? ToolMode(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => "none",
        RequiredChatToolMode { RequiredFunctionName: { } name } => "required:" + name,
        RequiredChatToolMode => "required",
        _ => "auto",
    };

    private static JsonNode Tool(AITool tool) => new JsonObject
    {
        ["name"] = tool.Name,
        ["description"] = tool.Description,
        ["schema"] = tool is AIFunctionDeclaration function ? JsonNode.Parse(function.JsonSchema.GetRawText()) : null,
    };

    private static JsonNode Message(ChatMessage message)
    {
        var json = new JsonObject { ["role"] = message.Role.Value, ["text"] = message.Text };
        if (!string.IsNullOrEmpty(message.AuthorName))
        {
            json["name"] = message.AuthorName;
        }

        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        if (calls.Count > 0)
        {
            json["function_calls"] = new JsonArray([.. calls.Select(CassetteJson.FunctionCall)]);
        }

        var results = message.Contents.OfType<FunctionResultContent>().ToList();
        if (results.Count > 0)
        {
            json["function_results"] = new JsonArray([.. results.Select(r => (JsonNode?)new JsonObject
            {
                ["call_id"] = r.CallId,
                ["result"] = Result(r.Result),
            })]);
        }

        return json;
    }

    [SuppressMessage("Design", "CA1031", Justification = "A result that does not serialise is keyed by its text instead.")]
    private static JsonNode? Result(object? result)
    {
        try
        {
            return JsonSerializer.SerializeToNode(result, AIJsonUtilities.DefaultOptions);
        }
        catch (Exception)
        {
            return result?.ToString();
        }
    }
}
