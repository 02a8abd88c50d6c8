using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// <c>POST /v1/chat/completions</c>: JSON with usage, or SSE streaming with a final usage chunk when asked; native tool
/// calls; faults (HTTP errors with Retry-After, hangs, malformed bodies, no choices with usage); the model's latency.
/// </summary>
internal static class ChatCompletionsEndpoint
{
    public static void Map(WebApplication app, ReferenceServer server) =>
        app.MapPost("/v1/chat/completions", context => HandleAsync(context, server));

    private static async Task HandleAsync(HttpContext context, ReferenceServer server)
    {
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

        var model = body["model"]?.GetValue<string>() ?? "";
        var (number, modelNumber) = server.Count(model);
        var request = new ServerRequest(number, body, context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Headers["OpenAI-Organization"].FirstOrDefault())
        {
            ModelNumber = modelNumber,
        };
        if (server.Config.KeepLog)
        {
            server.Log.Received(request);
        }

        var served = server.Config.Model(model);
        var turn = Decide(request, served, server);
        var status = 200;
        try
        {
            status = await SendAsync(context, request, turn.Reply, served, server.Config.Delay);
        }
        finally
        {
            if (server.Config.KeepLog)
            {
                server.Log.Finished(new ServerExchange(request, turn, status, System.Diagnostics.Stopwatch.GetTimestamp()));
            }
        }
    }

    internal static ModelTurn Decide(ServerRequest request, ReferenceModel? model, ReferenceServer server)
    {
        if (server.Config.Script?.Invoke(request) is { } scripted)
        {
            return new ModelTurn(scripted, "scripted");
        }

        if (model is null)
        {
            return new ModelTurn(ServerReply.Status(404), "unknown_model");
        }

        return model.Faults?.Invoke(request) is { } fault
            ? new ModelTurn(fault, "fault")
            : model.Grading is { } grading ? grading.Respond(request)
            : ModelBehaviour.Respond(request, model, server.Config.Questions, server.Log);
    }

    private static async Task<int> SendAsync(HttpContext context, ServerRequest request, ServerReply reply, ReferenceModel? model, Func<TimeSpan, CancellationToken, Task> delay)
    {
        switch (reply)
        {
            case ServerReply.Failure failure:
                if (failure.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = failure.RetryAfter;
                }

                if (failure.Content is { } body)
                {
                    context.Response.StatusCode = failure.Code;
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(body);
                    return failure.Code;
                }

                await Error(context, failure.Code, failure.Code == 404 ? $"the model '{request.Model}' does not exist" : $"scripted failure {failure.Code}");
                return failure.Code;
            case ServerReply.Hanging:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return 200;
            case ServerReply.MalformedBody:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"chatcmpl-broken\", \"choices\": [{\"index\": 0, \"message\": ");
                return 200;
            case ServerReply.RawBody raw:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(raw.Content);
                return 200;
        }

        var tokens = reply.Usage?.CompletionTokens ?? 0;
        var firstToken = model?.TimeToFirstToken ?? TimeSpan.Zero;
        var generation = model?.GenerationTime(tokens) ?? TimeSpan.Zero;
        if (request.Stream)
        {
            await StreamAsync(context, request, reply, firstToken, generation, delay);
        }
        else
        {
            await Wait(delay, firstToken + generation, context.RequestAborted);
            await context.Response.WriteAsJsonAsync(Completion(request, reply));
        }

        return 200;
    }

    private static Task Error(HttpContext context, int code, string message)
    {
        context.Response.StatusCode = code;
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = code == 404 ? "invalid_request_error" : "server_error", ["code"] = null },
        });
    }

    private static Task Wait(Func<TimeSpan, CancellationToken, Task> delay, TimeSpan time, CancellationToken cancellationToken) =>
        time > TimeSpan.Zero ? delay(time, cancellationToken) : Task.CompletedTask;

    internal static JsonObject Completion(ServerRequest request, ServerReply reply)
    {
        var (message, finish) = reply switch
        {
            ServerReply.Answer answer => (new JsonObject { ["role"] = "assistant", ["content"] = answer.Content }, answer.FinishReason),
            ServerReply.ToolCall call => (new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(ToolCall(request, call, includeIndex: false)),
            }, "tool_calls"),
            _ => (null, "stop"),
        };
        var choices = message is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish });
        return Envelope(request, "chat.completion", choices, Usage(reply.Usage));
    }

    private static async Task StreamAsync(HttpContext context, ServerRequest request, ServerReply reply, TimeSpan firstToken, TimeSpan generation, Func<TimeSpan, CancellationToken, Task> delay)
    {
        context.Response.ContentType = "text/event-stream";
        async Task Send(JsonNode chunk)
        {
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
            await context.Response.Body.FlushAsync();
        }

        await Wait(delay, firstToken, context.RequestAborted);
        if (reply is ServerReply.Answer answer)
        {
            await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null), null));
            var pieces = Pieces(answer.Content).ToList();
            for (var i = 0; i < pieces.Count; i++)
            {
                if (i > 0)
                {
                    await Wait(delay, generation / Math.Max(1, pieces.Count - 1), context.RequestAborted);
                }

                await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject { ["content"] = pieces[i] }, null), null));
            }

            await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject(), answer.FinishReason), null));
        }
        else if (reply is ServerReply.ToolCall call)
        {
            await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(ToolCall(request, call, includeIndex: true)) }, null), null));
            await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject(), "tool_calls"), null));
        }

        // With stream_options.include_usage the last chunk has no choices and the usage of the whole answer.
        if (request.IncludeUsage)
        {
            await Send(Envelope(request, "chat.completion.chunk", [], Usage(reply.Usage)));
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static JsonObject ToolCall(ServerRequest request, ServerReply.ToolCall call, bool includeIndex)
    {
        var tool = new JsonObject
        {
            ["id"] = $"call_{request.Number}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = request.ToolNames.First(n => n.Contains(call.Name, StringComparison.Ordinal)), ["arguments"] = call.ArgumentsJson },
        };
        if (includeIndex)
        {
            tool["index"] = 0;
        }

        return tool;
    }

    private static JsonArray Delta(JsonObject delta, string? finish) =>
        [new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }];

    private static IEnumerable<string> Pieces(string text) =>
        text.Split(' ').Select((word, i) => i == 0 ? word : " " + word);

    private static JsonObject? Usage(ReplyUsage? usage) => usage is null ? null : new()
    {
        ["prompt_tokens"] = usage.PromptTokens,
        ["completion_tokens"] = usage.CompletionTokens,
        ["total_tokens"] = usage.PromptTokens + usage.CompletionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CachedTokens },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.ReasoningTokens },
    };

    private static JsonObject Envelope(ServerRequest request, string kind, JsonArray choices, JsonObject? usage) => new()
    {
        ["id"] = $"chatcmpl-{request.Number}",
        ["object"] = kind,
        ["created"] = 1_767_225_600,
        ["model"] = request.Model,
        ["choices"] = choices,
        ["usage"] = usage,
    };
}
