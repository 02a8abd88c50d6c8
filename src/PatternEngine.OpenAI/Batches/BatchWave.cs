using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// The calls to one model gathered while a wave is open, and their batch once it is sent: written as one JSONL file
/// (one line per call: <c>custom_id</c>, <c>method</c>, <c>url</c>, <c>body</c>), uploaded, submitted, polled until it
/// is done or <see cref="OpenAIBatchOptions.Timeout"/> passes, and each call answered with its own line of the output
/// file, by <c>custom_id</c>. A line in the error file, or none at all, fails its call with a classified
/// <see cref="ProviderCallException"/>; a failure of the batch itself fails every call in it.
/// </summary>
internal sealed class BatchWave(BatchApi api, OpenAIBatchOptions options, TimeProvider time, string provider, Action<BatchWave> closed, CancellationToken disposed)
{
    private readonly List<Call> _calls = [];
    private readonly Lock _gate = new();
    private BatchApi.Credentials? _credentials;
    private ITimer? _quiet;
    private int _sent;

    /// <summary>One chat call waiting for its line; <see cref="Answer"/> is its HTTP answer.</summary>
    public sealed record Call(string CustomId, JsonObject Body, HttpRequestMessage Request)
    {
        public TaskCompletionSource<HttpResponseMessage> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Adds a call and restarts the quiet interval; returns how many calls the wave holds.</summary>
    public int Add(Call call, BatchApi.Credentials credentials)
    {
        lock (_gate)
        {
            _calls.Add(call);
            _credentials ??= credentials;
            _quiet ??= time.CreateTimer(_ => closed(this), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _quiet.Change(options.QuietInterval, Timeout.InfiniteTimeSpan);
            return _calls.Count;
        }
    }

    /// <summary>Sends the wave (once, however often it is asked).</summary>
    public void Send()
    {
        if (Interlocked.Exchange(ref _sent, 1) == 0)
        {
            _quiet?.Dispose();
            _ = RunAsync();
        }
    }

    /// <summary>Fails every call of a wave that will never be sent (its handler was disposed).</summary>
    public void Abandon()
    {
        if (Interlocked.Exchange(ref _sent, 1) == 0)
        {
            _quiet?.Dispose();
            FailAll(new ProviderCallException(ProviderFailure.Network, $"the batch client of '{provider}' was disposed before the wave was sent"));
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "Whatever fails the batch fails each of its calls; none may wait for ever.")]
    private async Task RunAsync()
    {
        try
        {
            var credentials = _credentials!;
            var file = await api.UploadAsync(Jsonl(), credentials, disposed).ConfigureAwait(false);
            var batch = await api.CreateAsync(file, credentials, disposed).ConfigureAwait(false);
            var id = api.Text(batch, "id", "creating the batch");
            var started = time.GetTimestamp();
            while (Status(batch) is "validating" or "in_progress" or "finalizing" or "cancelling" or "")
            {
                if (time.GetElapsedTime(started) >= options.Timeout)
                {
                    throw new ProviderCallException(ProviderFailure.Timeout, string.Create(
                        CultureInfo.InvariantCulture, $"'{provider}' did not finish batch {id} within {options.Timeout.TotalMinutes:0.#} minutes; its calls are not answered"));
                }

                await Task.Delay(options.PollInterval, time, disposed).ConfigureAwait(false);
                batch = await api.RetrieveAsync(id, credentials, disposed).ConfigureAwait(false);
            }

            if (Status(batch) is "failed" or "cancelled")
            {
                throw new ProviderCallException(ProviderFailure.Rejected, $"'{provider}' {Status(batch)} batch {id}{Errors(batch)}");
            }

            // completed or expired: the output holds the answered lines, the error file the failed and expired ones.
            var lines = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var key in new[] { "output_file_id", "error_file_id" })
            {
                if (batch[key] is JsonValue value && value.TryGetValue<string>(out var fileId) && fileId.Length > 0)
                {
                    BatchOutput.Read(await api.ContentAsync(fileId, credentials, disposed).ConfigureAwait(false), lines, provider);
                }
            }

            foreach (var call in Calls())
            {
                Complete(call, lines.GetValueOrDefault(call.CustomId), id, Status(batch));
            }
        }
        catch (Exception e)
        {
            FailAll(e as ProviderCallException ?? new ProviderCallException(ProviderFailure.Network, $"the batch of calls to '{provider}' failed: {e.Message}", e));
        }
    }

    private void Complete(Call call, JsonObject? line, string batch, string status)
    {
        if (line?["response"] is JsonObject response && response["status_code"] is JsonValue code && code.TryGetValue<int>(out var statusCode))
        {
            var body = response["body"]?.ToJsonString() ?? "{}";
            call.Answer.TrySetResult(new HttpResponseMessage((HttpStatusCode)statusCode)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
                RequestMessage = call.Request,
            });
            return;
        }

        var error = line?["error"];
        var errorCode = error?["code"]?.GetValue<string>();
        var message = error?["message"]?.GetValue<string>();
        call.Answer.TrySetException(errorCode == "batch_expired" || (line is null && status == "expired")
            ? new ProviderCallException(ProviderFailure.Timeout, $"'{provider}' let batch {batch} expire before answering this call (batch_expired)")
            : new ProviderCallException(ProviderFailure.ServerError, line is null
                ? $"'{provider}' finished batch {batch} ({status}) with no line for this call"
                : $"'{provider}' failed this call's line of batch {batch} ({errorCode ?? "no code"}: {message?.Split('\n', 2)[0] ?? "no message"})"));
    }

    private byte[] Jsonl()
    {
        var text = new StringBuilder();
        foreach (var call in Calls())
        {
            text.Append(new JsonObject
            {
                ["custom_id"] = call.CustomId,
                ["method"] = "POST",
                ["url"] = BatchApi.ChatCompletions,
                ["body"] = call.Body,
            }.ToJsonString()).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private void FailAll(Exception failure)
    {
        foreach (var call in Calls())
        {
            call.Answer.TrySetException(failure);
        }
    }

    private List<Call> Calls()
    {
        lock (_gate)
        {
            return [.. _calls];
        }
    }

    private static string Status(JsonObject batch) =>
        batch["status"] is JsonValue value && value.TryGetValue<string>(out var status) ? status : "";

    private static string Errors(JsonObject batch) =>
        batch["errors"]?["data"] is JsonArray { Count: > 0 } errors
            ? ": " + string.Join("; ", errors.Take(3).Select(e => $"{e?["code"]?.GetValue<string>()}: {e?["message"]?.GetValue<string>()}"))
            : "";
}
