using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// A batch's input file read as OpenAI reads it (one request per line: <c>custom_id</c>, <c>method</c> POST, <c>url</c>
/// the batch's endpoint, <c>body</c>), and answered line by line with the chat-completions endpoint's own logic: answers
/// go to the output file as <c>{id, custom_id, response: {status_code, request_id, body}, error: null}</c>, failed
/// requests (a fault, a scripted failure) and expired ones to the error file.
/// </summary>
internal static class BatchLines
{
    /// <summary>Why the file is not a valid batch input, or null when it is.</summary>
    public static string? Problem(byte[] content, string endpoint)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in Lines(content))
        {
            number++;
            JsonObject? request;
            try
            {
                request = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                return $"Line {number} is not valid JSON.";
            }

            if (request?["custom_id"]?.GetValue<string>() is not { } id || !ids.Add(id))
            {
                return $"Line {number} has no custom_id, or one already used.";
            }

            if (request["method"]?.GetValue<string>() != "POST" || request["url"]?.GetValue<string>() != endpoint || request["body"] is not JsonObject)
            {
                return $"Line {number}: the method must be POST, the url {endpoint}, and the body an object.";
            }
        }

        return number == 0 ? "The input file is empty." : null;
    }

    public static int Count(byte[] content) => Lines(content).Count();

    /// <summary>Answers the batch's lines (the first ones only, when it expires) and finishes it.</summary>
    public static void Answer(BatchStore.StoredBatch batch, ReferenceServer server, BatchFault? fault, string? authorization)
    {
        var output = new StringBuilder();
        var errors = new StringBuilder();
        var index = 0;
        foreach (var line in Lines(server.Batches.File(batch.InputFileId)!.Content))
        {
            var request = (JsonObject)JsonNode.Parse(line)!;
            var id = request["custom_id"]!.GetValue<string>();
            var lineId = $"batch_req_{batch.Number}_{index}";
            if (fault is BatchFault.Expire expire && index >= expire.Answered)
            {
                errors.Append(new JsonObject
                {
                    ["id"] = lineId,
                    ["custom_id"] = id,
                    ["response"] = null,
                    ["error"] = new JsonObject { ["code"] = "batch_expired", ["message"] = "This request could not be executed before the completion window expired." },
                }.ToJsonString()).Append('\n');
                batch.Failed++;
            }
            else
            {
                var (status, body) = fault is BatchFault.FailSome some && some.Fails(id)
                    ? (500, ErrorBody("The server had an error while processing your request."))
                    : Respond((JsonObject)request["body"]!.DeepClone(), server, authorization);
                var answer = new JsonObject
                {
                    ["id"] = lineId,
                    ["custom_id"] = id,
                    ["response"] = new JsonObject { ["status_code"] = status, ["request_id"] = $"req_{batch.Number}_{index}", ["body"] = body },
                    ["error"] = null,
                };
                (status == 200 ? output : errors).Append(answer.ToJsonString()).Append('\n');
                if (status == 200)
                {
                    batch.Completed++;
                }
                else
                {
                    batch.Failed++;
                }
            }

            index++;
        }

        batch.OutputFileId = output.Length > 0 ? server.Batches.AddFile($"{batch.Id}_output.jsonl", "batch_output", Encoding.UTF8.GetBytes(output.ToString())).Id : null;
        batch.ErrorFileId = errors.Length > 0 ? server.Batches.AddFile($"{batch.Id}_error.jsonl", "batch_output", Encoding.UTF8.GetBytes(errors.ToString())).Id : null;
        batch.Status = fault is BatchFault.Expire ? "expired" : "completed";
    }

    // One line as POST /v1/chat/completions answers it (no latency: a batch has none to measure), logged like one.
    private static (int Status, JsonObject Body) Respond(JsonObject body, ReferenceServer server, string? authorization)
    {
        var model = body["model"]?.GetValue<string>() ?? "";
        var (number, modelNumber) = server.Count(model);
        var request = new ServerRequest(number, body, authorization, null) { ModelNumber = modelNumber };
        server.Log.Received(request);
        var turn = ChatCompletionsEndpoint.Decide(request, server.Config.Model(model), server);
        var (status, reply) = turn.Reply switch
        {
            ServerReply.Answer or ServerReply.ToolCall or ServerReply.EmptyChoices => (200, ChatCompletionsEndpoint.Completion(request, turn.Reply)),
            ServerReply.Failure failure => (failure.Code, ErrorBody(failure.Code == 404 ? $"The model '{model}' does not exist" : $"scripted failure {failure.Code}")),
            _ => (500, ErrorBody("The server had an error while processing your request.")),
        };
        server.Log.Finished(new ServerExchange(request, turn, status, System.Diagnostics.Stopwatch.GetTimestamp()));
        return (status, reply);
    }

    private static JsonObject ErrorBody(string message) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = "server_error", ["param"] = null, ["code"] = null } };

    private static IEnumerable<string> Lines(byte[] content) =>
        Encoding.UTF8.GetString(content).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
}
