# language: ja
機能: ログアウトと、ログインしていないときの案内
  ログアウトしたお客様にはその案内を、ログインせずに手続きをしようとした相手には、ログインを求める案内を表示します
  (案内の文言は features/common/マニュアルの記載.yaml。マニュアルは書いていないため (仮定))。

  シナリオアウトライン: ログアウトすると、その案内が表示される
    前提 お客様がワンタイムパスワードの利用を開始している
    もし 正しいワンタイムパスワードでログインする
    かつ ログアウトする
    ならば "ログアウトしました。" と表示される

    @bank:akita @api
    例: 秋田県信用組合 (API)
      | 銀行 |
      | akita |

    @bank:kyoei @api
    例: 協栄信用組合 (API)
      | 銀行 |
      | kyoei |

    @bank:komatsugawa @api
    例: 小松川信用金庫 (API)
      | 銀行 |
      | komatsugawa |

    @bank:komatsugawa @ui
    例: 小松川信用金庫 (画面)
      | 銀行 |
      | komatsugawa |

    @bank:aomori @api
    例: 青森県信用組合 (API)
      | 銀行 |
      | aomori |

    @bank:shinkin @api
    例: VIP Access の信用金庫 (API)
      | 銀行 |
      | shinkin |

  シナリオアウトライン: ログインせずに振込・振替をしようとすると、ログインを求められる
    前提 お客様が窓口で登録されている
    もし 他口座への振込・振替を試みる
    ならば 振込・振替は受け付けられず、ログインしてくださいの案内が表示される

    @bank:akita @api
    例: 秋田県信用組合 (API)
      | 銀行 |
      | akita |

    @bank:kyoei @api
    例: 協栄信用組合 (API)
      | 銀行 |
      | kyoei |

    @bank:komatsugawa @api
    例: 小松川信用金庫 (API)
      | 銀行 |
      | komatsugawa |

    @bank:aomori @api
    例: 青森県信用組合 (API)
      | 銀行 |
      | aomori |

    @bank:shinkin @api
    例: VIP Access の信用金庫 (API)
      | 銀行 |
      | shinkin |
