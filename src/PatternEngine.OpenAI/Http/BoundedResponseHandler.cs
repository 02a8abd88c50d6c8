using System.Globalization;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// Holds a provider's answer to <see cref="InputLimits.MaxProviderResponseBytes"/>: a body that says it is larger is
/// refused before it is read, and one that goes on past the limit stops there. A provider's answer is outside input
/// like any file: without this a hostile or broken endpoint could fill memory with one reply.
/// </summary>
internal sealed class BoundedResponseHandler(HttpMessageHandler inner, long maxBytes) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            var length = response.Content.Headers.ContentLength.Value;
            response.Dispose();
            throw TooLarge(request, string.Create(CultureInfo.InvariantCulture, $"of {length:N0} bytes"));
        }

        response.Content = new BoundedContent(response.Content, maxBytes, () => TooLarge(request, "that went on past it"));
        return response;
    }

    private ProviderCallException TooLarge(HttpRequestMessage request, string size) =>
        new(ProviderFailure.MalformedResponse, string.Create(
            CultureInfo.InvariantCulture, $"{request.RequestUri?.Host} answered past the limit of {maxBytes:N0} bytes an answer may hold, with a body {size}"));

    /// <summary>The original content, read through a stream that stops at the limit; its headers kept.</summary>
    private sealed class BoundedContent : HttpContent
    {
        private readonly HttpContent _original;
        private readonly long _maxBytes;
        private readonly Func<Exception> _tooLarge;

        public BoundedContent(HttpContent original, long maxBytes, Func<Exception> tooLarge)
        {
            _original = original;
            _maxBytes = maxBytes;
            _tooLarge = tooLarge;
            foreach (var (name, values) in original.Headers)
            {
                Headers.TryAddWithoutValidation(name, values);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new BoundedStream(await _original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _maxBytes, _tooLarge);

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
            new BoundedStream(_original.ReadAsStream(cancellationToken), _maxBytes, _tooLarge);

        protected override bool TryComputeLength(out long length)
        {
            length = _original.Headers.ContentLength ?? 0;
            return _original.Headers.ContentLength is not null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _original.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
