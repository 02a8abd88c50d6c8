using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// <c>POST /v1/moderations</c> as OpenAI answers it (<c>results[].flagged</c>, <c>categories</c>,
/// <c>category_scores</c>): a text holding any of <see cref="ServerConfig.FlaggedWords"/> is flagged as
/// <c>harassment</c>; <see cref="ServerConfig.ModerationFault"/> answers with an HTTP error or a malformed body instead.
/// Every request is logged like a chat request (its body under <see cref="ServerRequest.Body"/>).
/// </summary>
internal static class ModerationsEndpoint
{
    /// <summary>The model the endpoint says judged, when the request names none.</summary>
    public const string DefaultModel = "omni-moderation-latest";

    /// <summary>A <see cref="ServerConfig.ModerationFault"/> that answers 200 with a body that is not JSON.</summary>
    public const int Malformed = -1;

    public static void Map(WebApplication app, ReferenceServer server) =>
        app.MapPost("/v1/moderations", context => HandleAsync(context, server));

    private static async Task HandleAsync(HttpContext context, ReferenceServer server)
    {
        JsonObject body;
        try
        {
            body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        }
        catch (Exception e) when (e is JsonException or InvalidCastException)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var model = body["model"]?.GetValue<string>() ?? DefaultModel;
        var (number, modelNumber) = server.Count(model);
        server.Log.Received(new ServerRequest(number, body, context.Request.Headers.Authorization.FirstOrDefault(), null) { ModelNumber = modelNumber });
        switch (server.Config.ModerationFault)
        {
            case Malformed:
                await context.Response.WriteAsync("{\"results\": [");
                return;
            case { } status:
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = "moderation is unavailable", ["type"] = "server_error" } });
                return;
        }

        var inputs = body["input"] is JsonArray many ? many.Select(i => i?.GetValue<string>() ?? "").ToList() : [body["input"]?.GetValue<string>() ?? ""];
        var results = new JsonArray();
        foreach (var input in inputs)
        {
            var flagged = server.Config.FlaggedWords.Any(w => input.Contains(w, StringComparison.OrdinalIgnoreCase));
            results.Add(new JsonObject
            {
                ["flagged"] = flagged,
                ["categories"] = new JsonObject { ["harassment"] = flagged, ["violence"] = false },
                ["category_scores"] = new JsonObject { ["harassment"] = flagged ? 0.93 : 0.01, ["violence"] = 0.001 },
            });
        }

        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = $"modr-{number}", ["model"] = model, ["results"] = results });
    }
}
