using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace PatternEngine.Models.Recording;

/// <summary>The JSON conventions of cassette files, shared by requests and entries.</summary>
internal static class CassetteJson
{
    /// <summary>Compact and readable: one entry per line, text left unescaped where JSON allows.</summary>
    public static readonly JsonSerializerOptions OneLine = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonNode FunctionCall(FunctionCallContent call) => new JsonObject
    {
        ["call_id"] = call.CallId,
        ["name"] = call.Name,
        ["arguments"] = call.Arguments is null ? null : JsonSerializer.SerializeToNode(call.Arguments, AIJsonUtilities.DefaultOptions),
    };
}
