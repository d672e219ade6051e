package org.hessrank.exact;

class ModularContractTest extends RankEngineContract {
    @Override
    protected RankEngine engine() {
        return ModularRank.of(20261122L, 1);
    }
}
