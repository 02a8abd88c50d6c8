using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// The Files and Batch endpoints of one OpenAI-compatible provider: <c>POST /files</c> (purpose <c>batch</c>),
/// <c>POST /batches</c>, <c>GET /batches/{id}</c> and <c>GET /files/{id}/content</c>. Each request carries the
/// credentials of the chat calls it stands in for (their <c>Authorization</c> and <c>OpenAI-Organization</c> headers, as
/// the SDK set them), so the key is read nowhere else. A failure is a <see cref="ProviderCallException"/> whose message
/// names the step and the provider's own words, never a header.
/// </summary>
internal sealed class BatchApi(HttpMessageInvoker http, Uri endpoint, string provider)
{
    /// <summary>The endpoint every line of a batch is sent to.</summary>
    public const string ChatCompletions = "/v1/chat/completions";

    private readonly string _base = endpoint.ToString().TrimEnd('/');

    /// <summary>The headers copied from a chat call onto the batch API's requests.</summary>
    public sealed record Credentials(AuthenticationHeaderValue? Authorization, string? Organization);

    public async Task<string> UploadAsync(byte[] jsonl, Credentials credentials, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
            { new ByteArrayContent(jsonl), "file", "patternengine-wave.jsonl" },
        };
        var file = await SendJsonAsync(HttpMethod.Post, "/files", form, credentials, "uploading the wave's file", cancellationToken).ConfigureAwait(false);
        return Text(file, "id", "uploading the wave's file");
    }

    public async Task<JsonObject> CreateAsync(string inputFileId, Credentials credentials, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["input_file_id"] = inputFileId, ["endpoint"] = ChatCompletions, ["completion_window"] = "24h" };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await SendJsonAsync(HttpMethod.Post, "/batches", content, credentials, "creating the batch", cancellationToken).ConfigureAwait(false);
    }

    public Task<JsonObject> RetrieveAsync(string batchId, Credentials credentials, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Get, "/batches/" + Uri.EscapeDataString(batchId), null, credentials, "asking for the batch's status", cancellationToken);

    /// <summary>A file's text; its size is bounded by the HTTP client's handler (the provider answer cap).</summary>
    public async Task<string> ContentAsync(string fileId, Credentials credentials, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/files/{Uri.EscapeDataString(fileId)}/content", null, credentials, "reading the batch's output", cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A string field of a batch-API answer, or a malformed-response failure naming it.</summary>
    public string Text(JsonObject answer, string name, string step) =>
        answer[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new ProviderCallException(ProviderFailure.MalformedResponse, $"'{provider}' answered {step} with no '{name}'");

    private async Task<JsonObject> SendJsonAsync(HttpMethod method, string path, HttpContent? content, Credentials credentials, string step, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, content, credentials, step, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = InputLimits.MaxJsonDepth }) as JsonObject
                ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ProviderCallException(ProviderFailure.MalformedResponse, $"'{provider}' answered {step} with a body that is not JSON: {e.Message.Split('\n', 2)[0]}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, Credentials credentials, string step, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _base + path) { Content = content };
        request.Headers.Authorization = credentials.Authorization;
        if (credentials.Organization is { } organization)
        {
            request.Headers.TryAddWithoutValidation("OpenAI-Organization", organization);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderCallException(ProviderFailure.Network, $"'{provider}' could not be reached {step}: {e.Message}", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var failure = status == 429 ? ProviderFailure.RateLimited
                : status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict ? ProviderFailure.ServerError
                : ProviderFailure.Rejected;
            var words = await ErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
            throw new ProviderCallException(failure, string.Create(CultureInfo.InvariantCulture, $"'{provider}' failed {step} with HTTP {status}{words}"));
        }
    }

    // The provider's own words (error.message), first line only; nothing of the request is echoed.
    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(body)?["error"]?["message"] is JsonValue message && message.TryGetValue<string>(out var text) && text.Length > 0
                ? ": " + text.Split('\n', 2)[0]
                : "";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or HttpRequestException)
        {
            return "";
        }
    }
}
