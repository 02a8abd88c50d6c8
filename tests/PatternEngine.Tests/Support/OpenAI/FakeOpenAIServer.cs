using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PatternEngine.Tests.Support.OpenAI;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 (Kestrel, a free port), answering from a script: JSON
/// with usage, SSE streaming with a final usage chunk, tool calls, and scripted faults. It records every request.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<FakeChatRequest, FakeReply> _script;
    private int _requests;

    private FakeOpenAIServer(WebApplication app, Func<FakeChatRequest, FakeReply> script)
    {
        _app = app;
        _script = script;
    }

    /// <summary>The base URL to configure as a provider's endpoint.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<FakeChatRequest> Requests { get; } = new();

    public static async Task<FakeOpenAIServer> StartAsync(Func<FakeChatRequest, FakeReply> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAIServer(app, script);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        var request = new FakeChatRequest(
            Interlocked.Increment(ref _requests) - 1,
            body,
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers["OpenAI-Organization"].FirstOrDefault());
        Requests.Enqueue(request);
        var reply = _script(request);
        switch (reply)
        {
            case FakeReply.Failure failure:
                context.Response.StatusCode = failure.Code;
                if (failure.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = failure.RetryAfter;
                }

                await context.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["error"] = new JsonObject { ["message"] = $"scripted failure {failure.Code}", ["type"] = "server_error", ["code"] = null },
                });
                return;
            case FakeReply.Hanging:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case FakeReply.MalformedBody:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"id\": \"chatcmpl-broken\", \"choices\": [{\"index\": 0, \"message\": ");
                return;
        }

        if (request.Stream)
        {
            await StreamAsync(context, request, reply);
        }
        else
        {
            await context.Response.WriteAsJsonAsync(Completion(request, reply));
        }
    }

    private static JsonObject Completion(FakeChatRequest request, FakeReply reply)
    {
        var (message, finish, usage) = reply switch
        {
            FakeReply.Answer answer => (new JsonObject { ["role"] = "assistant", ["content"] = answer.Content }, "stop", Usage(answer)),
            FakeReply.ToolCall call => (new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = null,
                ["tool_calls"] = new JsonArray(ToolCall(request, call, includeIndex: false)),
            }, "tool_calls", Usage(new FakeReply.Answer("", 10, 5, 0, 0))),
            _ => (null, "stop", Usage(new FakeReply.Answer("", 10, 0, 0, 0))),
        };
        var choices = message is null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish });
        return Envelope(request, "chat.completion", choices, usage);
    }

    private static async Task StreamAsync(HttpContext context, FakeChatRequest request, FakeReply reply)
    {
        context.Response.ContentType = "text/event-stream";
        async Task Send(JsonNode chunk)
        {
            await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
            await context.Response.Body.FlushAsync();
        }

        var usage = Usage(reply as FakeReply.Answer ?? new FakeReply.Answer("", 10, 5, 0, 0));
        if (reply is FakeReply.Answer answer)
        {
            await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null), null));
            foreach (var piece in Pieces(answer.Content))
            {
                await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject { ["content"] = piece }, null), null));
            }

            await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject(), "stop"), null));
        }
        else if (reply is FakeReply.ToolCall call)
        {
            await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(ToolCall(request, call, includeIndex: true)) }, null), null));
            await Send(Envelope(request, "chat.completion.chunk", Delta(new JsonObject(), "tool_calls"), null));
        }

        // With stream_options.include_usage the last chunk has no choices and the usage of the whole answer.
        if (request.Body["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            await Send(Envelope(request, "chat.completion.chunk", [], usage));
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static JsonObject ToolCall(FakeChatRequest request, FakeReply.ToolCall call, bool includeIndex)
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

    private static JsonObject Usage(FakeReply.Answer answer) => new()
    {
        ["prompt_tokens"] = answer.PromptTokens,
        ["completion_tokens"] = answer.CompletionTokens,
        ["total_tokens"] = answer.PromptTokens + answer.CompletionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = answer.CachedTokens },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = answer.ReasoningTokens },
    };

    private static JsonObject Envelope(FakeChatRequest request, string kind, JsonArray choices, JsonObject? usage) => new()
    {
        ["id"] = $"chatcmpl-{request.Number}",
        ["object"] = kind,
        ["created"] = 1_767_225_600,
        ["model"] = request.Model,
        ["choices"] = choices,
        ["usage"] = usage,
    };
}
