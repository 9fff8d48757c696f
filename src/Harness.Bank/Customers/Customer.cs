namespace Harness.Bank.Customers;

public enum CustomerKind { Personal, Corporate }

public enum MailPasswordSetting { Off, Pending, On }

/// <summary>A customer with one account. Mail notification passwords live here with their fail count.</summary>
public sealed class Customer
{
    private Customer() { }

    public int Id { get; private set; }
    public string LoginId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public CustomerKind Kind { get; private set; }
    public string PasswordHash { get; private set; } = "";
    public string ConfirmationPasswordHash { get; private set; } = "";
    public string BranchNo { get; private set; } = "";
    public string AccountNo { get; private set; } = "";
    public long BalanceYen { get; private set; }
    public long TransferLimitYen { get; private set; }
    /// <summary>akita: the 窓口 registered the paper OTP application.</summary>
    public bool OtpApplicationAccepted { get; private set; }
    public MailPasswordSetting MailPassword { get; private set; }
    public string? MailPasswordHash { get; private set; }
    /// <summary>The session the current mail password was issued in: it is void in any other.</summary>
    public string? MailPasswordSessionId { get; private set; }
    public DateTimeOffset? MailPasswordSentAt { get; private set; }
    public int MailPasswordFailCount { get; private set; }
    public int Version { get; private set; }

    public static Customer Open(string loginId, string name, string email, CustomerKind kind, string passwordHash,
        string confirmationPasswordHash, string branchNo, string accountNo, long balanceYen, long limitYen) => new()
    {
        LoginId = loginId,
        Name = name,
        Email = email,
        Kind = kind,
        PasswordHash = passwordHash,
        ConfirmationPasswordHash = confirmationPasswordHash,
        BranchNo = branchNo,
        AccountNo = accountNo,
        BalanceYen = balanceYen,
        TransferLimitYen = limitYen,
    };

    /// <summary>A successful login stores the password again when its hash is of an older algorithm or cost.</summary>
    public void RehashPassword(string passwordHash) => PasswordHash = passwordHash;

    public void AcceptOtpApplication() => OtpApplicationAccepted = true;

    public void ChangeLimit(long limitYen) => TransferLimitYen = limitYen;

    public void Withdraw(long amountYen)
    {
        if (amountYen <= 0 || amountYen > BalanceYen)
        {
            throw new InvalidOperationException("withdrawal outside the balance");
        }
        BalanceYen -= amountYen;
    }

    public void ChooseMailPassword(MailPasswordSetting setting) => MailPassword = setting;

    /// <summary>A new mail password replaces the previous one (which becomes invalid).</summary>
    public void IssueMailPassword(string passwordHash, string sessionId, DateTimeOffset now)
    {
        MailPasswordHash = passwordHash;
        MailPasswordSessionId = sessionId;
        MailPasswordSentAt = now;
    }

    /// <summary>At login and logout: the mail password of an earlier session is void, the count starts again.</summary>
    public void EndMailPassword()
    {
        MailPasswordHash = null;
        MailPasswordSessionId = null;
        MailPasswordSentAt = null;
        MailPasswordFailCount = 0;
    }

    /// <summary>Counts one entry of the mail password; <paramref name="matches"/> says whether it matched this session's hash.</summary>
    public MailPasswordResult CountMailPasswordAttempt(bool matches, int failThreshold)
    {
        if (matches)
        {
            MailPasswordFailCount = 0;
            return MailPasswordResult.Accepted;
        }
        MailPasswordFailCount++;
        if (MailPasswordFailCount >= failThreshold)
        {
            EndMailPassword();
            return MailPasswordResult.ForcedLogout;
        }
        return MailPasswordResult.Rejected;
    }

    internal void Touch() => Version++;
}

public enum MailPasswordResult { Accepted, Rejected, ForcedLogout }

public enum PayeeKind
{
    /// <summary>事前に届出のある振込先: registered with the bank; no mail password.</summary>
    RegisteredInAdvance,
    /// <summary>振込・振替先一覧(利用者登録).</summary>
    CustomerList,
}

public sealed class Payee
{
    private Payee() { }

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public PayeeKind Kind { get; private set; }
    public string BankName { get; private set; } = "";
    public string BranchName { get; private set; } = "";
    public string AccountNo { get; private set; } = "";
    public string AccountName { get; private set; } = "";

    public static Payee Register(int customerId, PayeeKind kind, string bankName, string branchName, string accountNo, string accountName) => new()
    {
        CustomerId = customerId,
        Kind = kind,
        BankName = bankName,
        BranchName = branchName,
        AccountNo = accountNo,
        AccountName = accountName,
    };
}

public enum SessionStage
{
    AwaitingOtp,
    LoggedIn,
    /// <summary>利用者認証 passed on the login screen's 利用登録/交換 or 利用停止: only that next step is open.</summary>
    VipOnly,
    /// <summary>shinkin's モバイルIB entrance (id + password only, SKN-04): the session may only look (<see cref="Act.View"/>).</summary>
    MobileIb,
}

/// <summary>What a logged-in request wants to do; <see cref="Sessions"/> refuses what the session may not (モバイルIB, akita after 利用停止).</summary>
public enum Act
{
    /// <summary>メニュー, 登録状況・残高の表示.</summary>
    View,
    /// <summary>ワンタイムパスワード申請: トークン発行 and 利用開始.</summary>
    OtpIssue,
    /// <summary>ワンタイムパスワード利用解除.</summary>
    OtpDeactivate,
    /// <summary>振込・振替.</summary>
    Transfer,
    /// <summary>振込・振替限度額変更.</summary>
    LimitChange,
    /// <summary>メール通知パスワード利用変更, 振込先登録 and any other change of the customer's settings.</summary>
    SettingsChange,
}

/// <summary>A login session; the cookie carries the random id, the database only its hash.</summary>
public sealed class Session
{
    private Session() { }

    public string IdHash { get; private set; } = "";
    public int CustomerId { get; private set; }
    public SessionStage Stage { get; private set; }
    public Profiles.Channel Channel { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Session Start(string idHash, int customerId, SessionStage stage, Profiles.Channel channel, DateTimeOffset now) => new()
    {
        IdHash = idHash,
        CustomerId = customerId,
        Stage = stage,
        Channel = channel,
        CreatedAt = now,
    };

    public void OtpPassed() => Stage = SessionStage.LoggedIn;
}
