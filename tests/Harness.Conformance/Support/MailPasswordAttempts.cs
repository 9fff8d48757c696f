using Harness.Conformance.Drivers;
using Harness.Conformance.Steps;

namespace Harness.Conformance.Support;

/// <summary>
/// Wrong メール通知パスワード the scenario typed in a row, held against the manual's 強制ログアウト回数 (数.メール通知パスワード強制ログアウト回数):
/// the forced logout comes exactly at that wrong entry, not one earlier (each wrong entry before it is a retry that keeps the
/// customer in) and not later (the customer is still in after that many).
/// </summary>
public static class MailPasswordAttempts
{
    public const string CountId = "数.メール通知パスワード強制ログアウト回数";

    /// <summary>The reply ended the session: the screens went back to ログイン, the API answered 強制ログアウト or ログインしていない.</summary>
    public static bool Ended(Outcome o) => !o.Succeeded && o.Next is "login" or "forced_logout" or "not_logged_in";

    /// <summary>Types wrong mail passwords one after another until the count is reached or a reply ends the session
    /// (nothing is left to type into after a forced logout).</summary>
    public static async Task<Outcome?> TypeAsync(Customer customer, int times, Func<Task<Outcome>> attempt)
    {
        var attempts = new List<Outcome>();
        customer.WrongMailPasswords = attempts;
        Outcome? last = null;
        for (var i = 0; i < times; i++)
        {
            last = await attempt();
            attempts.Add(last);
            if (Ended(last))
            {
                break;
            }
        }

        return last;
    }

    /// <summary>The customer was logged out: if the scenario typed wrong mail passwords, the logout came at the manual's count.</summary>
    public static void LoggedOutAtTheManualsCount(Manual manual, Customer? customer)
    {
        if (customer?.WrongMailPasswords is not { Count: > 0 } attempts || !manual.Has(CountId))
        {
            return;
        }

        var n = manual.Number(CountId);
        var index = attempts.FindIndex(Ended);
        // A reply of ログインしていない says the session had already ended: the entry before it logged the customer out.
        var at = index < 0 ? attempts.Count : attempts[index].Next == "not_logged_in" ? index : index + 1;
        if (at != n)
        {
            manual.Failed(CountId);
            throw new ExpectationException(
                $"期待: メール通知パスワードを続けて {n} 回誤ったときに強制ログアウト ({n - 1} 回目まではやり直せる) ({manual.Source(CountId)})\n" +
                $"実際: {at} 回目の誤りで強制ログアウトされた ({string.Join(" / ", attempts)})");
        }
    }

    /// <summary>The customer is still logged in: the scenario typed fewer wrong mail passwords than the manual's count.</summary>
    public static void StillInBelowTheManualsCount(Manual manual, Customer? customer)
    {
        if (customer?.WrongMailPasswords is not { Count: > 0 } attempts || !manual.Has(CountId))
        {
            return;
        }

        var n = manual.Number(CountId);
        if (attempts.Count >= n)
        {
            manual.Failed(CountId);
            throw new ExpectationException(
                $"期待: メール通知パスワードを続けて {n} 回誤ったときに強制ログアウト ({manual.Source(CountId)})\n" +
                $"実際: {attempts.Count} 回誤ってもログインしたまま");
        }
    }
}
