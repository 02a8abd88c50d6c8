using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// <c>POST /v1/batches</c> (<c>input_file_id</c>, <c>endpoint</c> <c>/v1/chat/completions</c>, <c>completion_window</c>
/// <c>24h</c>) and <c>GET /v1/batches/{id}</c>, as OpenAI's Batch API answers them. A batch moves on one step per status
/// request: <c>validating</c>, then <c>in_progress</c>, then <c>completed</c> (or <c>failed</c> / <c>expired</c> as
/// <see cref="ServerConfig.BatchFaults"/> says), with <c>request_counts</c>, <c>output_file_id</c> and
/// <c>error_file_id</c>. Its lines are answered when it completes, each as <c>POST /v1/chat/completions</c> would
/// answer it (<see cref="BatchLines"/>), and logged like chat requests.
/// </summary>
internal static class BatchesEndpoint
{
    public static void Map(WebApplication app, ReferenceServer server)
    {
        app.MapPost("/v1/batches", context => CreateAsync(context, server));
        app.MapGet("/v1/batches/{id}", context => RetrieveAsync(context, server));
    }

    internal static Task Error(HttpContext context, int code, string message)
    {
        context.Response.StatusCode = code;
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = null },
        });
    }

    private static async Task CreateAsync(HttpContext context, ReferenceServer server)
    {
        server.Batches.Called("POST", "/v1/batches", context.Request.Headers.Authorization.FirstOrDefault());
        JsonObject body;
        try
        {
            body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        }
        catch (Exception e) when (e is JsonException or InvalidCastException)
        {
            await Error(context, 400, "the request body is not a JSON object");
            return;
        }

        var input = body["input_file_id"]?.GetValue<string>();
        var endpoint = body["endpoint"]?.GetValue<string>();
        var window = body["completion_window"]?.GetValue<string>();
        if (input is null || server.Batches.File(input) is not { Purpose: "batch" })
        {
            await Error(context, 400, $"input_file_id '{input}' names no file uploaded with purpose 'batch'");
            return;
        }

        if (endpoint is not ("/v1/chat/completions" or "/v1/embeddings" or "/v1/completions" or "/v1/responses") || window != "24h")
        {
            await Error(context, 400, "endpoint must be a batchable endpoint and completion_window '24h'");
            return;
        }

        await context.Response.WriteAsJsonAsync(Describe(server.Batches.AddBatch(input, endpoint, window)));
    }

    private static async Task RetrieveAsync(HttpContext context, ReferenceServer server)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        server.Batches.Called("GET", $"/v1/batches/{id}", context.Request.Headers.Authorization.FirstOrDefault());
        if (server.Batches.Batch(id) is not { } batch)
        {
            await Error(context, 404, $"No such Batch object: {id}");
            return;
        }

        lock (batch)
        {
            Advance(batch, server, context.Request.Headers.Authorization.FirstOrDefault());
        }

        await context.Response.WriteAsJsonAsync(Describe(batch));
    }

    private static void Advance(BatchStore.StoredBatch batch, ReferenceServer server, string? authorization)
    {
        batch.Polls++;
        switch (batch.Status)
        {
            case "validating":
                var fault = server.Config.BatchFaults?.Invoke(batch.Number);
                if (fault is BatchFault.Invalid || BatchLines.Problem(server.Batches.File(batch.InputFileId)!.Content, batch.Endpoint) is not null)
                {
                    batch.Status = "failed";
                    batch.Errors = [new JsonObject
                    {
                        ["code"] = "invalid_request",
                        ["message"] = BatchLines.Problem(server.Batches.File(batch.InputFileId)!.Content, batch.Endpoint) ?? "The batch input file failed validation.",
                        ["param"] = null,
                        ["line"] = 1,
                    }];
                    return;
                }

                batch.Status = "in_progress";
                batch.Total = BatchLines.Count(server.Batches.File(batch.InputFileId)!.Content);
                return;
            case "in_progress":
                BatchLines.Answer(batch, server, server.Config.BatchFaults?.Invoke(batch.Number), authorization);
                return;
        }
    }

    private static JsonObject Describe(BatchStore.StoredBatch batch) => new()
    {
        ["id"] = batch.Id,
        ["object"] = "batch",
        ["endpoint"] = batch.Endpoint,
        ["errors"] = batch.Errors is null ? null : new JsonObject { ["object"] = "list", ["data"] = batch.Errors.DeepClone() },
        ["input_file_id"] = batch.InputFileId,
        ["completion_window"] = batch.CompletionWindow,
        ["status"] = batch.Status,
        ["output_file_id"] = batch.OutputFileId,
        ["error_file_id"] = batch.ErrorFileId,
        ["created_at"] = 1_767_225_600,
        ["in_progress_at"] = batch.Status is "validating" or "failed" ? null : 1_767_225_601,
        ["expires_at"] = 1_767_312_000,
        ["finalizing_at"] = batch.Status is "completed" ? 1_767_225_602 : null,
        ["completed_at"] = batch.Status == "completed" ? 1_767_225_603 : null,
        ["failed_at"] = batch.Status == "failed" ? 1_767_225_601 : null,
        ["expired_at"] = batch.Status == "expired" ? 1_767_312_000 : null,
        ["cancelling_at"] = null,
        ["cancelled_at"] = null,
        ["request_counts"] = new JsonObject { ["total"] = batch.Total, ["completed"] = batch.Completed, ["failed"] = batch.Failed },
        ["metadata"] = null,
    };
}
