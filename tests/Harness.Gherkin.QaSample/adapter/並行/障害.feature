@障害
機能: 単独で走る障害
  reqnroll.json の generator.addNonParallelizableMarkerForTags にあるタグ: この機能の間、他の機能のシナリオは走らない。

  シナリオ: 一つ目
    前提 1 を記録する

  シナリオ: 二つ目
    前提 2 を記録する
