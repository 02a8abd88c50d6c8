using System.Net;
using PatternEngine.Models.OpenAI;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Tests.Models.OpenAI;

/// <summary>A provider's answer is held to its size limit, whether or not it says its length.</summary>
public sealed class BoundedResponseHandlerTests
{
    private static HttpClient Client(Func<HttpContent> body, long maxBytes) =>
        new(new BoundedResponseHandler(new AnsweringHandler(body), maxBytes));

    [Fact]
    public async Task A_body_without_a_length_stops_once_it_passes_the_limit()
    {
        // A stream that cannot say its length, as a chunked or streamed answer.
        using var client = Client(() => new StreamContent(new BoundedStream(new MemoryStream(new byte[100]), long.MaxValue, () => new InvalidOperationException())), maxBytes: 64);

        var refused = await Assert.ThrowsAsync<ProviderCallException>(() => client.GetByteArrayAsync(new Uri("http://127.0.0.1/v1/chat/completions")));

        Assert.Equal(ProviderFailure.MalformedResponse, refused.Failure);
        Assert.Equal("127.0.0.1 answered past the limit of 64 bytes an answer may hold, with a body that went on past it", refused.Message);
    }

    [Fact]
    public async Task A_body_that_says_it_is_too_long_is_refused_before_it_is_read()
    {
        using var client = Client(() => new ByteArrayContent(new byte[100]), maxBytes: 64);

        var refused = await Assert.ThrowsAsync<ProviderCallException>(() => client.GetAsync(new Uri("http://127.0.0.1/v1/chat/completions")));

        Assert.Equal("127.0.0.1 answered past the limit of 64 bytes an answer may hold, with a body of 100 bytes", refused.Message);
    }

    [Fact]
    public async Task A_body_within_the_limit_arrives_whole_with_its_headers()
    {
        using var client = Client(() => new StringContent("{\"choices\": []}", System.Text.Encoding.UTF8, "application/json"), maxBytes: 64);

        using var response = await client.GetAsync(new Uri("http://127.0.0.1/v1/chat/completions"));

        Assert.Equal("{\"choices\": []}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private sealed class AnsweringHandler(Func<HttpContent> body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = body(), RequestMessage = request });
    }
}
