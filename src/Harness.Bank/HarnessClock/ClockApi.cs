using System.Globalization;
using Harness.Bank.Common;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Bank.HarnessClock;

/// <summary>POST /harness/clock — mapped only in harness mode, and only over a clock that can be moved.</summary>
public static class ClockApi
{
    public sealed record ClockRequest(double? AdvanceSeconds, string? Set);

    public static void MapHarnessClock(this IEndpointRouteBuilder app, FakeTimeProvider clock)
    {
        app.MapPost("/harness/clock", (ClockRequest request) =>
        {
            if (request.AdvanceSeconds is { } seconds)
            {
                if (seconds < 0)
                {
                    return Problem.BadInput("時刻を戻すことはできません。").ToResult();
                }
                clock.Advance(TimeSpan.FromSeconds(seconds));
            }
            else if (request.Set is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                {
                    return Problem.BadInput("set は ISO 8601 の日時で指定してください。").ToResult();
                }
                if (at < clock.GetUtcNow())
                {
                    // A shared FakeTimeProvider only moves forward: used time steps must stay in the past.
                    return Problem.BadInput("時刻を戻すことはできません。").ToResult();
                }
                clock.SetUtcNow(at.ToUniversalTime());
            }
            else
            {
                return Problem.BadInput("advanceSeconds または set を指定してください。").ToResult();
            }
            return Results.Json(new { now = clock.GetUtcNow() });
        });
    }
}
