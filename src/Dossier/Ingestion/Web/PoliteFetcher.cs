using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Dossier.Ingestion.Web;

/// <summary>What a fetch brought back: the body, or the reason there is none.</summary>
public sealed record FetchResult(Uri Requested, Uri? Final, int Status, ReadOnlyMemory<byte> Body, string? ContentType, string? Charset, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static FetchResult Failed(Uri requested, string reason, int status = 0) => new(requested, null, status, default, null, null, reason);
}

/// <summary>
/// Fetches pages as a polite crawler does: robots.txt honoured, one request per host per interval, bounded time, size and
/// redirects, and no connection to loopback, private, link-local or metadata addresses unless allowed.
/// </summary>
public sealed class PoliteFetcher : IAsyncDisposable, IDisposable
{
    private readonly FetchOptions _options;
    private readonly HttpClient _client;
    private readonly ConcurrentDictionary<string, Task<RobotsTxt>> _robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hostGates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRequest = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Uri, (string? ETag, DateTimeOffset? LastModified, FetchResult Result)> _validators = new();

    public PoliteFetcher(FetchOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = options.Timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5");
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => _options.AllowPrivateAddresses || AddressPolicy.IsPublic(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"refused to connect to {context.DnsEndPoint.Host}: a loopback, private, link-local or metadata address (use --allow-private to permit)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.Select(a => new IPEndPoint(a, context.DnsEndPoint.Port)).First(), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<FetchResult> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        var current = uri;
        for (var hop = 0; hop <= _options.MaxRedirects; hop++)
        {
            if (current.Scheme is not ("http" or "https")) return FetchResult.Failed(uri, $"unsupported scheme '{current.Scheme}'");
            if (_options.RespectRobotsTxt && !(await RobotsFor(current, cancellationToken)).Allows(current.PathAndQuery))
            {
                return FetchResult.Failed(uri, $"disallowed by robots.txt of {current.Host}");
            }

            var (response, failure) = await SendAsync(current, cancellationToken);
            if (response is null) return FetchResult.Failed(uri, failure!);
            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && status != 304)
                {
                    if (response.Headers.Location is not { } location) return FetchResult.Failed(uri, $"redirect ({status}) without a Location", status);
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }

                if (status == 304 && _validators.TryGetValue(current, out var cached)) return cached.Result;
                if (status is < 200 or >= 300) return FetchResult.Failed(uri, $"HTTP {status} {response.ReasonPhrase}", status);

                var content = response.Content.Headers;
                if (content.ContentLength > _options.MaxBytes)
                {
                    return FetchResult.Failed(uri, $"too large ({content.ContentLength} bytes; the limit is {_options.MaxBytes})", status);
                }

                var (body, bodyFailure) = await ReadBoundedAsync(response, cancellationToken);
                if (bodyFailure is not null) return FetchResult.Failed(uri, bodyFailure, status);
                var result = new FetchResult(uri, current, status, body, content.ContentType?.MediaType, content.ContentType?.CharSet, null);
                if (response.Headers.ETag is not null || content.LastModified is not null)
                {
                    _validators[current] = (response.Headers.ETag?.ToString(), content.LastModified, result);
                }

                return result;
            }
        }

        return FetchResult.Failed(uri, $"more than {_options.MaxRedirects} redirects");
    }

    private async Task<(HttpResponseMessage? Response, string? Failure)> SendAsync(Uri uri, CancellationToken cancellationToken)
    {
        var gate = _hostGates.GetOrAdd(uri.Authority, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_lastRequest.TryGetValue(uri.Authority, out var last))
            {
                var wait = last + _options.PerHostInterval - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (_validators.TryGetValue(uri, out var validator))
            {
                if (validator.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
                if (validator.LastModified is { } modified) request.Headers.IfModifiedSince = modified;
            }

            try
            {
                return (await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), null);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, $"timed out after {_options.Timeout.TotalSeconds:0} s");
            }
            catch (HttpRequestException error)
            {
                return (null, error.InnerException is HttpRequestException inner ? inner.Message : error.Message);
            }
        }
        finally
        {
            _lastRequest[uri.Authority] = DateTimeOffset.UtcNow;
            gate.Release();
        }
    }

    private async Task<(ReadOnlyMemory<byte> Body, string? Failure)> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[1 << 16];
            int count;
            while ((count = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + count > _options.MaxBytes) return (default, $"too large (over the {_options.MaxBytes} byte limit)");
                buffer.Write(chunk, 0, count);
            }

            return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (default, $"timed out reading the body after {_options.Timeout.TotalSeconds:0} s");
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            return (default, $"the connection broke: {error.Message}");
        }
    }

    private Task<RobotsTxt> RobotsFor(Uri uri, CancellationToken cancellationToken) =>
        _robots.GetOrAdd(uri.GetLeftPart(UriPartial.Authority), async origin =>
        {
            var (response, _) = await SendAsync(new Uri(origin + "/robots.txt"), cancellationToken);
            if (response is null) return RobotsTxt.AllowAll;
            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is < 200 or >= 300) return RobotsTxt.AllowAll;
                var (body, failure) = await ReadBoundedAsync(response, cancellationToken);
                return failure is null ? RobotsTxt.Parse(System.Text.Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 512 * 1024)]), _options.UserAgent) : RobotsTxt.AllowAll;
            }
        });

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        _client.Dispose();
        foreach (var gate in _hostGates.Values) gate.Dispose();
    }
}
