using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// <c>POST /v1/files</c> (multipart: <c>purpose</c> and <c>file</c>; the batch API takes <c>purpose=batch</c>) and
/// <c>GET /v1/files/{id}/content</c>, as OpenAI's Files API answers them: a file object
/// (<c>id</c>, <c>object: file</c>, <c>bytes</c>, <c>created_at</c>, <c>filename</c>, <c>purpose</c>), and the raw bytes.
/// </summary>
internal static class FilesEndpoint
{
    public static void Map(WebApplication app, ReferenceServer server)
    {
        app.MapPost("/v1/files", context => UploadAsync(context, server.Batches));
        app.MapGet("/v1/files/{id}/content", context => ContentAsync(context, server.Batches));
    }

    private static async Task UploadAsync(HttpContext context, BatchStore store)
    {
        store.Called("POST", "/v1/files", context.Request.Headers.Authorization.FirstOrDefault());
        if (!context.Request.HasFormContentType)
        {
            await BatchesEndpoint.Error(context, 400, "the upload must be multipart/form-data");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var purpose = form["purpose"].FirstOrDefault();
        if (form.Files.GetFile("file") is not { } upload || purpose is not ("batch" or "assistants" or "fine-tune" or "vision" or "user_data" or "evals"))
        {
            await BatchesEndpoint.Error(context, 400, "the upload needs a file and a valid purpose");
            return;
        }

        using var content = new MemoryStream();
        await upload.CopyToAsync(content, context.RequestAborted);
        var file = store.AddFile(upload.FileName, purpose, content.ToArray());
        await context.Response.WriteAsJsonAsync(Describe(file));
    }

    private static async Task ContentAsync(HttpContext context, BatchStore store)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        store.Called("GET", $"/v1/files/{id}/content", context.Request.Headers.Authorization.FirstOrDefault());
        if (store.File(id) is not { } file)
        {
            await BatchesEndpoint.Error(context, 404, $"No such File object: {id}");
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = file.Content.Length;
        await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
    }

    internal static JsonObject Describe(BatchStore.StoredFile file) => new()
    {
        ["id"] = file.Id,
        ["object"] = "file",
        ["bytes"] = file.Content.Length,
        ["created_at"] = 1_767_225_600,
        ["filename"] = file.Name,
        ["purpose"] = file.Purpose,
    };
}
