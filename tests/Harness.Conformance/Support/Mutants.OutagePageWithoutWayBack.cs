using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>outage-page-without-way-back</c>: the bank's outage page (503 on a screen) shows the refusal but not the
/// link back to ログイン (against the ledger's 障害.ログイン画面へ戻る). Put in front of the bank's whole pipeline, it rewrites the
/// finished page; every other page and every JSON answer passes untouched.</summary>
public sealed class OutagePageWithoutWayBack : IStartupFilter
{
    private const string WayBack = "<a href=\"/login\">ログイン画面へ戻る</a>";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await following(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            var bytes = buffer.ToArray();
            if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable
                && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace(WayBack, string.Empty, StringComparison.Ordinal));
                context.Response.ContentLength = bytes.Length;
            }

            await original.WriteAsync(bytes, context.RequestAborted);
        });
        next(app);
    };
}
