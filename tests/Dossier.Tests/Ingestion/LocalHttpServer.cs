using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dossier.Tests.Ingestion;

/// <summary>A small HTTP server on 127.0.0.1 for fetch tests; each route answers with a handler. Stops when disposed.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Func<HttpListenerContext, CancellationToken, Task>> _routes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalHttpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public int Requests;

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public LocalHttpServer On(string path, Func<HttpListenerContext, CancellationToken, Task> handler)
    {
        _routes[path] = handler;
        return this;
    }

    public LocalHttpServer OnText(string path, string body, string contentType = "text/html; charset=utf-8") =>
        On(path, async (context, cancellationToken) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, cancellationToken);
        });

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            Interlocked.Increment(ref Requests);
            _ = Task.Run(async () =>
            {
                try
                {
                    if (_routes.TryGetValue(context.Request.Url!.AbsolutePath, out var handler)) await handler(context, _stop.Token);
                    else context.Response.StatusCode = 404;
                    context.Response.Close();
                }
                catch (Exception)
                {
                    // The client gave up (timeouts, size caps): that is what these tests provoke.
                    try { context.Response.Abort(); } catch (Exception) { }
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop;
        _stop.Dispose();
    }
}
