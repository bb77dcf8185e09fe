import type { Connection } from '@academy/subgraph-kit';
import DataLoader from 'dataloader';
import type { CertificationService } from './certification.service';
import type { Certification, CertificationSaga } from './certification.type';

export interface CertificationLoaders {
  certificationById: DataLoader<string, Certification | undefined>;
  sagaById: DataLoader<string, CertificationSaga | undefined>;
  /** One loader per page shape, so learners asked with the same `first`/`after` batch into one query. */
  learnerCertifications(first: number, offset: number): DataLoader<string, Connection<Certification>>;
}

/** Built per request (keys need no tenant: the request's EntityManager is bound to its tenant). */
export function createCertificationLoaders(certifications: CertificationService): CertificationLoaders {
  const pages = new Map<string, DataLoader<string, Connection<Certification>>>();
  return {
    certificationById: new DataLoader((ids) => certifications.byIds(ids)),
    sagaById: new DataLoader((ids) => certifications.sagas(ids)),
    learnerCertifications: (first, offset) => {
      const key = `${first}:${offset}`;
      let loader = pages.get(key);
      if (!loader) {
        loader = new DataLoader((learnerIds) => certifications.pagesForLearners(learnerIds, first, offset));
        pages.set(key, loader);
      }
      return loader;
    },
  };
}
