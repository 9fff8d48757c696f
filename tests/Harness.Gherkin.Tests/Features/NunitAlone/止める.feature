# language: ja
@障害
機能: 共有のサーバーを止める
  他の機能と同時には走らせない (reqnroll.json の generator.addNonParallelizableMarkerForTags に 障害 がある)。

  シナリオ: 止めて戻す
    前提 振込限度額が 200000 円である
